package io.gcvm.bytecode;

import java.nio.charset.StandardCharsets;

/** Prints compiled bytecode for debugging ({@code gcvm --disassemble}). */
public final class Disassembler {
    private Disassembler() {}

    public static String disassemble(Program program) {
        StringBuilder out = new StringBuilder();
        out.append("globals:");
        for (int g = 0; g < program.globals().size(); g++) out.append(' ').append(g).append('=').append(program.globals().get(g));
        out.append('\n');
        out.append("constants:");
        for (int k = 0; k < program.constants().size(); k++) {
            out.append(' ').append(k).append('=').append(quote(program.constants().get(k)));
        }
        out.append('\n');
        for (int f = 0; f < program.functions().size(); f++) {
            FunctionProto fn = program.functions().get(f);
            out.append('\n').append("function #").append(f).append(' ').append(fn.name())
               .append(" params=").append(fn.params()).append(" locals=").append(fn.locals())
               .append(" maxStack=").append(fn.maxStack()).append('\n');
            for (int s = 0; s < fn.locals(); s++) out.append("  slot ").append(s).append(": ").append(fn.localNames()[s]).append('\n');
            for (int i = 0; i < fn.freeNames().length; i++) {
                out.append("  free ").append(i).append(": ").append(fn.freeNames()[i]).append(" <- ")
                   .append(fn.freeFromLocal()[i] ? "enclosing slot " : "enclosing free ").append(fn.freeIndex()[i]).append('\n');
            }
            int[] code = fn.code();
            int lastLine = -1;
            for (int pc = 0; pc < code.length; ) {
                int op = code[pc];
                int line = fn.lineAt(pc);
                out.append(String.format("  %5d %4s  %-14s", pc, line != lastLine ? String.valueOf(line) : "", Op.name(op)));
                lastLine = line;
                for (int i = 1; i <= Op.operands(op); i++) out.append(' ').append(code[pc + i]);
                if (op == Op.NEW_RECORD) {
                    StringBuilder keys = new StringBuilder();
                    for (int k : program.shapes().get(code[pc + 1])) keys.append(keys.length() == 0 ? "" : " ").append(quote(program.constants().get(k)));
                    out.append("  ; {").append(keys).append('}');
                } else if (op == Op.CONST_STR || op == Op.GET_FIELD || op == Op.SET_FIELD) {
                    out.append("  ; ").append(quote(program.constants().get(code[pc + 1])));
                } else if (op == Op.GET_LOCAL_FIELD || op == Op.GET_GLOBAL_FIELD) {
                    String owner = op == Op.GET_LOCAL_FIELD ? fn.localNames()[code[pc + 1]] : program.globals().get(code[pc + 1]);
                    out.append("  ; ").append(owner).append('.')
                            .append(new String(program.constants().get(code[pc + 2]), java.nio.charset.StandardCharsets.ISO_8859_1));
                } else if (op == Op.LOAD_GLOBAL || op == Op.STORE_GLOBAL || op == Op.LOAD_GLOBAL_REC) {
                    out.append("  ; ").append(program.globals().get(code[pc + 1]));
                } else if (op == Op.LOAD_GLOBAL2 || op == Op.STORE_LOAD_GLOBAL) {
                    out.append("  ; ").append(program.globals().get(code[pc + 1])).append(", ").append(program.globals().get(code[pc + 2]));
                } else if (op == Op.GET_INDEX_LOCALS) {
                    out.append("  ; ").append(fn.localNames()[code[pc + 1]]).append('[').append(fn.localNames()[code[pc + 2]]).append(']');
                } else if (Op.localOperands(op) != 0) {
                    StringBuilder names = new StringBuilder();
                    for (int k = 1; k <= 3; k++) {
                        if ((Op.localOperands(op) & 1 << k) != 0) names.append(names.length() == 0 ? "" : ", ").append(fn.localNames()[code[pc + k]]);
                    }
                    out.append("  ; ").append(names);
                } else if (op == Op.LOAD_FREE) {
                    out.append("  ; ").append(fn.freeNames()[code[pc + 1]]);
                } else if (op == Op.MAKE_CLOSURE) {
                    out.append("  ; ").append(program.functions().get(code[pc + 1]).name());
                }
                int map = fn.stackMaps().find(pc + 1 + Op.operands(op));
                if (map >= 0) {
                    StringBuilder live = new StringBuilder();
                    for (int slot = 0; slot < fn.locals(); slot++) {
                        if (fn.stackMaps().isLive(map, slot)) live.append(live.length() == 0 ? "" : ",").append(fn.localNames()[slot]);
                    }
                    out.append("  [live: ").append(live).append(']');
                }
                out.append('\n');
                pc += 1 + Op.operands(op);
            }
        }
        return out.toString();
    }

    private static String quote(byte[] s) {
        String raw = new String(s, StandardCharsets.ISO_8859_1);
        return '"' + raw.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"") + '"';
    }
}
