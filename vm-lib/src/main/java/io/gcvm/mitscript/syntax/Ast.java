package io.gcvm.mitscript.syntax;

import java.util.List;

/**
 * The MITScript abstract syntax tree, as produced by {@link Parser}.
 *
 * <p>Every node carries the 1-based line and column of its first character. Names are Java
 * strings; string literals hold their decoded value (escapes already processed, one char per
 * byte, 0..255). Lists are never null; {@link If#otherwise()} is empty when there is no else.
 */
public final class Ast {
    private Ast() {}

    /** Any node: knows where it starts in the source. */
    public sealed interface Node permits Program, Stmt, Expr {
        int line();
        int col();
    }

    public record Program(List<Stmt> body, int line, int col) implements Node {}

    // ---------------------------------------------------------------- statements

    public sealed interface Stmt extends Node
            permits Assign, CallStmt, Global, If, While, Return {}

    /** {@code target = value;} where target is a {@link Name}, {@link Field} or {@link Index}. */
    public record Assign(Expr target, Expr value, int line, int col) implements Stmt {}

    /** {@code f(a, b);} */
    public record CallStmt(Call call, int line, int col) implements Stmt {}

    /** {@code global x;} */
    public record Global(String name, int line, int col) implements Stmt {}

    /** {@code if (cond) { then } else { otherwise }}; otherwise is empty when absent. */
    public record If(Expr cond, List<Stmt> then, List<Stmt> otherwise, int line, int col) implements Stmt {}

    public record While(Expr cond, List<Stmt> body, int line, int col) implements Stmt {}

    public record Return(Expr value, int line, int col) implements Stmt {}

    // ---------------------------------------------------------------- expressions

    public sealed interface Expr extends Node
            permits FunLit, RecordLit, Binary, Unary, Name, Field, Index, Call,
                    IntLit, StrLit, BoolLit, NoneLit {}

    /** {@code fun(a, b) { body }} */
    public record FunLit(List<String> params, List<Stmt> body, int line, int col) implements Expr {}

    /** {@code { a: e1; b: e2; }} in source order (duplicates kept; the last one wins at run time). */
    public record RecordLit(List<FieldInit> fields, int line, int col) implements Expr {}

    public record FieldInit(String name, Expr value, int line, int col) {}

    public enum BinOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"),
        LT("<"), GT(">"), LE("<="), GE(">="), EQ("=="),
        AND("&"), OR("|");

        public final String symbol;

        BinOp(String symbol) { this.symbol = symbol; }
    }

    /** Position is that of the operator token. */
    public record Binary(BinOp op, Expr left, Expr right, int line, int col) implements Expr {}

    public enum UnOp { NEG, NOT }

    /** Position is that of the operator token. */
    public record Unary(UnOp op, Expr operand, int line, int col) implements Expr {}

    public record Name(String name, int line, int col) implements Expr {}

    /** {@code object.name}; position is that of the '.'. */
    public record Field(Expr object, String name, int line, int col) implements Expr {}

    /** {@code object[index]}; position is that of the '['. */
    public record Index(Expr object, Expr index, int line, int col) implements Expr {}

    /** {@code callee(args)}; position is that of the '('. */
    public record Call(Expr callee, List<Expr> args, int line, int col) implements Expr {}

    public record IntLit(int value, int line, int col) implements Expr {}

    public record StrLit(String value, int line, int col) implements Expr {}

    public record BoolLit(boolean value, int line, int col) implements Expr {}

    public record NoneLit(int line, int col) implements Expr {}
}
