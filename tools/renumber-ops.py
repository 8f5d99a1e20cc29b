#!/usr/bin/env python3
"""Numbers the instructions of vm-lib's bytecode/Op.java in the order listed here.

    python3 tools/renumber-ops.py vm-lib/src/main/java/io/gcvm/bytecode/Op.java

C1 compiles the interpreter's switch into compares in key order, so the opcode is the
instruction's place in that chain: list the instructions most frequent first (counted over the
vm-bench programs). Rewrites the constants and the NAMES/OPERANDS tables; each entry is
(name, operand count, comment). The two compare-and-branch groups must stay as they are: four
comparisons then _EQ, the plain group before the _INT one (and the _LOCAL_ group alike).
"""
import sys,re
OPS = [
 ("LOAD_GLOBAL",1,"g"),
 ("ADD",0,""),
 ("LOAD_LOCAL",1,"s"),
 ("CALL",1,"argc       (f a1..an → result)"),
 ("STORE_LOAD_GLOBAL",2,"g h        (v → w): STORE_GLOBAL g; LOAD_GLOBAL h in one"),
 ("RETURN",0,"(v → ) back in the caller: ( → v)"),
 ("LOAD_GLOBAL2",2,"g h        ( → v w): LOAD_GLOBAL g; LOAD_GLOBAL h in one"),
 ("STORE_LOCAL",1,"s          (v → )"),
 ("STORE_GLOBAL",1,"g          (v → )"),
 ("CHECK_RECORD",0,"(record → record), raises otherwise"),
 ("JUMP_IF_NOT_LT",1,"target: fused compare-and-branch (a b → ), jumps when the test fails"),
 ("JUMP_IF_NOT_GT",1,""),
 ("JUMP_IF_NOT_LE",1,""),
 ("JUMP_IF_NOT_GE",1,""),
 ("JUMP_IF_NOT_EQ",1,""),
 ("JUMP_IF_LOCAL_NOT_LT_INT",3,"target v s: local s against the literal v ( → ): LOAD_LOCAL s; JUMP_IF_NOT_LT_INT in one"),
 ("JUMP_IF_LOCAL_NOT_GT_INT",3,""),
 ("JUMP_IF_LOCAL_NOT_LE_INT",3,""),
 ("JUMP_IF_LOCAL_NOT_GE_INT",3,""),
 ("JUMP_IF_LOCAL_NOT_EQ_INT",3,"target v s"),
 ("INIT_SLOT",1,"i          (record v → record): the shape's i-th field"),
 ("ADD_INT",1,"v          (a → a + v): CONST_INT v; ADD in one instruction"),
 ("LOCAL_SUB_INT",2,"s v        ( → s - v): LOAD_LOCAL s; SUB_INT v in one"),
 ("LOOP",1,"target: a backward jump (checks for timeouts)"),
 ("MOD_INT",1,"v          (a → a - (a / v) * v): the modulo idiom, LOAD a; DIV_INT v; MUL_INT v; SUB without the second load"),
 ("GET_GLOBAL_FIELD",3,"g k site   ( → v): LOAD_GLOBAL g; GET_FIELD k site in one"),
 ("GET_INDEX",0,"(record i → v)"),
 ("CONST_STR",1,"k          ( → string)"),
 ("SUB",0,""),
 ("SET_INDEX",0,"(record i v → )"),
 ("GET_LOCAL_FIELD",3,"s k site   ( → v): LOAD_LOCAL s; GET_FIELD k site in one"),
 ("LOAD_FREE",1,"i: the closure's i-th captured cell"),
 ("MUL_INT",1,"v          (a → a * v): CONST_INT v; MUL in one"),
 ("LOAD_LOCAL2",2,"s t        ( → v w): LOAD_LOCAL s; LOAD_LOCAL t in one"),
 ("GET_INDEX_LOCALS",2,"s t        ( → v): LOAD_LOCAL s; CHECK_RECORD; LOAD_LOCAL t; GET_INDEX in one"),
 ("JUMP_IF_NOT_LT_INT",2,"target v: compare-and-branch with an int literal (a → )"),
 ("JUMP_IF_NOT_GT_INT",2,""),
 ("JUMP_IF_NOT_LE_INT",2,""),
 ("JUMP_IF_NOT_GE_INT",2,""),
 ("JUMP_IF_NOT_EQ_INT",2,"target v"),
 ("MOD",0,"(a b → a - (a / b) * b): the modulo idiom with a variable divisor"),
 ("NEW_RECORD",1,"shape      ( → record with the shape's fields, all None)"),
 ("CONST_INT",1,"v          ( → int)"),
 ("MUL",0,""),
 ("JUMP_IF_NONE",1,"target: for !(a == None)"),
 ("LOCAL_ADD_INT",2,"s v        ( → s + v): LOAD_LOCAL s; ADD_INT v in one"),
 ("LOAD_LOCAL_REC",1,"s          ( → record): LOAD_LOCAL s; CHECK_RECORD in one"),
 ("DIV_INT",1,"v          (a → a / v): CONST_INT v; DIV in one"),
 ("GET_FIELD",2,"k site     (record → v); site: an inline-cache slot"),
 ("JUMP_IF_NOT_NONE",1,"target: for a condition a == None (a → )"),
 ("NONE",0,"( → None)"),
 ("BOX",1,"s: move slot s's value into a new cell"),
 ("DIV",0,""),
 ("SET_FIELD",2,"k site     (record v → )"),
 ("MAKE_CLOSURE",1,"f          ( → function)"),
 ("SUB_INT",1,"v          (a → a - v): CONST_INT v; SUB in one"),
 ("POP",0,""),
 ("JUMP_IF_FALSE",1,"target     (bool → )"),
 ("EQ",0,""),
 ("JUMP",1,"target"),
 ("LT",0,""),
 ("NOT",0,""),
 ("NEG",0,""),
 ("JUMP_IF_EQ",1,"target: for a condition !(a == b), jumps when a == b"),
 ("GT",0,""),
 ("LE",0,""),
 ("GE",0,""),
 ("STORE_BOXED",1,"s"),
 ("LOAD_BOXED",1,"s: slot s holds a cell"),
 ("TRUE",0,""),
 ("FALSE",0,""),
 ("AND",0,""),
 ("OR",0,""),
]
p = sys.argv[1]
s = open(p).read()
names=[o[0] for o in OPS]
assert len(set(names))==len(names)
# contiguity constraints
for grp in (["JUMP_IF_NOT_LT","JUMP_IF_NOT_GT","JUMP_IF_NOT_LE","JUMP_IF_NOT_GE","JUMP_IF_NOT_EQ"],
            ["JUMP_IF_NOT_LT_INT","JUMP_IF_NOT_GT_INT","JUMP_IF_NOT_LE_INT","JUMP_IF_NOT_GE_INT","JUMP_IF_NOT_EQ_INT"],
            ["JUMP_IF_LOCAL_NOT_LT_INT","JUMP_IF_LOCAL_NOT_GT_INT","JUMP_IF_LOCAL_NOT_LE_INT","JUMP_IF_LOCAL_NOT_GE_INT","JUMP_IF_LOCAL_NOT_EQ_INT"]):
    i=names.index(grp[0]); assert names[i:i+5]==grp, grp
assert names.index("JUMP_IF_NOT_LT") < names.index("JUMP_IF_NOT_LT_INT")
lines=[]
for i,(n,k,c) in enumerate(OPS):
    d="    public static final int %s = %d;" % (n,i)
    if c: d = d.ljust(52) + " // " + c
    lines.append(d.rstrip())
block="\n".join(lines)
s = re.sub(r"(    private Op\(\) \{\}\n\n)(?:    public static final int \w+ = \d+;.*\n)+", lambda m: m.group(1)+block+"\n", s)
s = re.sub(r"(private static final String\[\] NAMES = \{\n        ).*?(\n    \};)", lambda m: m.group(1)+", ".join('"%s"'%n for n in names)+m.group(2), s, flags=re.S)
s = re.sub(r"(private static final int\[\] OPERANDS = \{\n        ).*?(\n    \};)", lambda m: m.group(1)+", ".join(str(o[1]) for o in OPS)+m.group(2), s, flags=re.S)
open(p,"w").write(s)
print(len(OPS),"ops")
