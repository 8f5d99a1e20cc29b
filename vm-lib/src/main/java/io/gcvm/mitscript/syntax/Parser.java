package io.gcvm.mitscript.syntax;

import io.gcvm.util.BigStack;

import io.gcvm.mitscript.syntax.Ast.Expr;
import io.gcvm.mitscript.syntax.Ast.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for MITScript: roughly one method per rule of the grammar in
 * the spec, which it follows to the letter:
 *
 * <pre>
 * Program       ::= Statement*
 * Statement     ::= Assignment | CallStatement | Global | IfStatement | WhileLoop | Return
 * Assignment    ::= LHS '=' Expression ';'
 * CallStatement ::= Call ';'
 * Global        ::= 'global' Name ';'
 * IfStatement   ::= 'if' '(' Expression ')' Block ('else' Block)?
 * WhileLoop     ::= 'while' '(' Expression ')' Block
 * Return        ::= 'return' Expression ';'
 * Block         ::= '{' Statement* '}'
 * Expression    ::= Function | Record | Boolean
 * Function      ::= 'fun' '(' (Name (',' Name)*)? ')' Block
 * Record        ::= '{' (Name ':' Expression ';')* '}'
 * Boolean       ::= Conjunction ('|' Conjunction)*
 * Conjunction   ::= BoolUnit ('&amp;' BoolUnit)*
 * BoolUnit      ::= '!'? Predicate
 * Predicate     ::= Arithmetic (('&lt;' | '&gt;' | '&lt;=' | '&gt;=' | '==') Arithmetic)?
 * Arithmetic    ::= Product (('+' | '-') Product)*
 * Product       ::= Unit (('*' | '/') Unit)*
 * Unit          ::= '-'? (LHS | Constant | Call | '(' Boolean ')')
 * LHS           ::= Name ('.' Name | '[' Expression ']')*
 * Call          ::= LHS '(' (Expression (',' Expression)*)? ')'
 * Constant      ::= Integer | String | 'true' | 'false' | 'None'
 * </pre>
 *
 * So {@code --5}, {@code !!x}, {@code a < b < c}, {@code f()()}, {@code f().x},
 * {@code 1 + fun(){}} and {@code ({a:1;})} are all syntax errors. A function literal may not
 * name the same parameter twice.
 *
 * <p><b>Nesting limit.</b> Every cycle in the grammar passes through a bracket: a
 * parenthesised expression, an index {@code [ ]}, a call's argument list, a record literal or
 * a block (which includes function bodies). The parser counts the brackets that are open at
 * any moment and refuses to go past {@value #MAX_NESTING} of them, reporting
 * {@code nesting too deep (more than 1000 levels)} at the opening bracket that goes past the
 * limit. That bounds the Java recursion. Each level costs up to ten Java frames (an index
 * goes LHS, Expression, Boolean, ..., Unit), about 1.3 MB for 1000 levels once the JIT has
 * inlined things, which is more than a default 1 MB thread stack, so {@link #parse} runs the
 * parser on a thread of its own with a big stack ({@link BigStack}). As a last line of
 * defence a {@link StackOverflowError} is still turned into the same {@link SyntaxError}.
 *
 * <p>Syntax errors read {@code expected X before 'tok'} and point at the offending token.
 */
public final class Parser {
    /** How many brackets (of expressions and blocks combined) may be open at once. */
    public static final int MAX_NESTING = 1000;

    private final Scanner scanner;
    /** The one token of lookahead. */
    private Token current;
    /** How many nesting brackets are currently open. */
    private int depth = 0;

    private Parser(String source) throws SyntaxError {
        this.scanner = new Scanner(source);
        this.current = scanner.next();
    }

    /**
     * Parses a whole program, or throws the first lexical or syntax error in it. The work is
     * done on a thread with a big stack (see the class comment); this call waits for it.
     */
    public static Ast.Program parse(String source) throws SyntaxError {
        Object outcome = BigStack.call(new java.util.concurrent.Callable<Object>() {
            @Override
            public Object call() { return parseHere(source); }
        }, SyntaxError.class);
        if (outcome instanceof Ast.Program program) return program;
        if (outcome instanceof SyntaxError error) throw error;
        if (outcome instanceof RuntimeException bug) throw bug;
        throw (Error) outcome;
    }

    /** Parses on the current thread; returns the Program, or whatever was thrown. */
    private static Object parseHere(String source) {
        Parser parser = null;
        try {
            parser = new Parser(source);
            return parser.program();
        } catch (StackOverflowError e) {
            // Not expected within MAX_NESTING on this stack; report it rather than crash.
            return parser != null ? parser.tooDeep(parser.current) : e;
        } catch (SyntaxError | RuntimeException | Error e) {
            return e;
        }
    }

    private Ast.Program program() throws SyntaxError {
        List<Stmt> body = new ArrayList<>();
        while (!check(TokenKind.EOF)) body.add(statement());
        return new Ast.Program(List.copyOf(body), 1, 1);
    }

    // ---------------------------------------------------------------- statements

    private Stmt statement() throws SyntaxError {
        return switch (current.kind()) {
            case IDENTIFIER -> assignmentOrCall();
            case GLOBAL -> global();
            case IF -> ifStatement();
            case WHILE -> whileLoop();
            case RETURN -> returnStatement();
            default -> throw expected("a statement");
        };
    }

    /** Both start with an LHS; the token after it decides which one this is. */
    private Stmt assignmentOrCall() throws SyntaxError {
        Token first = current;
        Expr target = lhs();
        if (check(TokenKind.LEFT_PAREN)) {
            Ast.Call call = call(target);
            consume(TokenKind.SEMICOLON);
            return new Ast.CallStmt(call, first.line(), first.col());
        }
        if (match(TokenKind.EQUAL)) {
            Expr value = expression();
            consume(TokenKind.SEMICOLON);
            return new Ast.Assign(target, value, first.line(), first.col());
        }
        throw expected("'=' or '('");
    }

    private Stmt global() throws SyntaxError {
        Token keyword = advance();
        Token name = consume(TokenKind.IDENTIFIER);
        consume(TokenKind.SEMICOLON);
        return new Ast.Global(name.text(), keyword.line(), keyword.col());
    }

    private Stmt ifStatement() throws SyntaxError {
        Token keyword = advance();
        consume(TokenKind.LEFT_PAREN);
        Expr cond = expression();
        consume(TokenKind.RIGHT_PAREN);
        List<Stmt> then = block();
        List<Stmt> otherwise = match(TokenKind.ELSE) ? block() : List.of();
        return new Ast.If(cond, then, otherwise, keyword.line(), keyword.col());
    }

    private Stmt whileLoop() throws SyntaxError {
        Token keyword = advance();
        consume(TokenKind.LEFT_PAREN);
        Expr cond = expression();
        consume(TokenKind.RIGHT_PAREN);
        List<Stmt> body = block();
        return new Ast.While(cond, body, keyword.line(), keyword.col());
    }

    private Stmt returnStatement() throws SyntaxError {
        Token keyword = advance();
        Expr value = expression();
        consume(TokenKind.SEMICOLON);
        return new Ast.Return(value, keyword.line(), keyword.col());
    }

    private List<Stmt> block() throws SyntaxError {
        if (!check(TokenKind.LEFT_BRACE)) throw expected(TokenKind.LEFT_BRACE.description());
        openNesting();
        List<Stmt> body = new ArrayList<>();
        while (!check(TokenKind.RIGHT_BRACE) && !check(TokenKind.EOF)) body.add(statement());
        consume(TokenKind.RIGHT_BRACE);
        closeNesting();
        return List.copyOf(body);
    }

    // ---------------------------------------------------------------- expressions

    /** Function and record literals may appear only here, where a whole Expression may. */
    private Expr expression() throws SyntaxError {
        if (check(TokenKind.FUN)) return function();
        if (check(TokenKind.LEFT_BRACE)) return record();
        return booleanExpr();
    }

    private Expr function() throws SyntaxError {
        Token keyword = advance();
        consume(TokenKind.LEFT_PAREN);
        List<String> params = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (!check(TokenKind.RIGHT_PAREN)) {
            do {
                Token param = consume(TokenKind.IDENTIFIER);
                if (!seen.add(param.text())) {
                    throw new SyntaxError(param.line(), param.col(),
                            "duplicate parameter '" + param.text() + "'");
                }
                params.add(param.text());
            } while (match(TokenKind.COMMA));
        }
        consume(TokenKind.RIGHT_PAREN);
        List<Stmt> body = block();
        return new Ast.FunLit(List.copyOf(params), body, keyword.line(), keyword.col());
    }

    private Expr record() throws SyntaxError {
        Token open = openNesting();
        List<Ast.FieldInit> fields = new ArrayList<>();
        while (check(TokenKind.IDENTIFIER)) {
            Token name = advance();
            consume(TokenKind.COLON);
            Expr value = expression();
            consume(TokenKind.SEMICOLON);
            fields.add(new Ast.FieldInit(name.text(), value, name.line(), name.col()));
        }
        consume(TokenKind.RIGHT_BRACE);
        closeNesting();
        return new Ast.RecordLit(List.copyOf(fields), open.line(), open.col());
    }

    /** Boolean ::= Conjunction ('|' Conjunction)* */
    private Expr booleanExpr() throws SyntaxError {
        Expr left = conjunction();
        while (check(TokenKind.PIPE)) {
            Token op = advance();
            Expr right = conjunction();
            left = new Ast.Binary(Ast.BinOp.OR, left, right, op.line(), op.col());
        }
        return left;
    }

    /** Conjunction ::= BoolUnit ('&' BoolUnit)* */
    private Expr conjunction() throws SyntaxError {
        Expr left = boolUnit();
        while (check(TokenKind.AMPERSAND)) {
            Token op = advance();
            Expr right = boolUnit();
            left = new Ast.Binary(Ast.BinOp.AND, left, right, op.line(), op.col());
        }
        return left;
    }

    /** BoolUnit ::= '!'? Predicate -- a single '!', so {@code !!x} is an error. */
    private Expr boolUnit() throws SyntaxError {
        if (check(TokenKind.BANG)) {
            Token op = advance();
            Expr operand = predicate();
            return new Ast.Unary(Ast.UnOp.NOT, operand, op.line(), op.col());
        }
        return predicate();
    }

    /** Predicate ::= Arithmetic (cmp Arithmetic)? -- at most one comparison. */
    private Expr predicate() throws SyntaxError {
        Expr left = arithmetic();
        Ast.BinOp op = switch (current.kind()) {
            case LESS -> Ast.BinOp.LT;
            case GREATER -> Ast.BinOp.GT;
            case LESS_EQUAL -> Ast.BinOp.LE;
            case GREATER_EQUAL -> Ast.BinOp.GE;
            case EQUAL_EQUAL -> Ast.BinOp.EQ;
            default -> null;
        };
        if (op == null) return left;
        Token opToken = advance();
        Expr right = arithmetic();
        return new Ast.Binary(op, left, right, opToken.line(), opToken.col());
    }

    /** Arithmetic ::= Product (('+' | '-') Product)* */
    private Expr arithmetic() throws SyntaxError {
        Expr left = product();
        while (check(TokenKind.PLUS) || check(TokenKind.MINUS)) {
            Token op = advance();
            Ast.BinOp binOp = op.kind() == TokenKind.PLUS ? Ast.BinOp.ADD : Ast.BinOp.SUB;
            Expr right = product();
            left = new Ast.Binary(binOp, left, right, op.line(), op.col());
        }
        return left;
    }

    /** Product ::= Unit (('*' | '/') Unit)* */
    private Expr product() throws SyntaxError {
        Expr left = unit();
        while (check(TokenKind.STAR) || check(TokenKind.SLASH)) {
            Token op = advance();
            Ast.BinOp binOp = op.kind() == TokenKind.STAR ? Ast.BinOp.MUL : Ast.BinOp.DIV;
            Expr right = unit();
            left = new Ast.Binary(binOp, left, right, op.line(), op.col());
        }
        return left;
    }

    /**
     * Unit ::= '-'? (LHS | Constant | Call | '(' Boolean ')') -- a single '-', so {@code --5}
     * is an error. A Call ends the Unit: nothing may follow its ')' (no {@code f()()}).
     */
    private Expr unit() throws SyntaxError {
        Token minus = check(TokenKind.MINUS) ? advance() : null;
        Expr operand = switch (current.kind()) {
            case IDENTIFIER -> {
                Expr lhs = lhs();
                yield check(TokenKind.LEFT_PAREN) ? call(lhs) : lhs;
            }
            case INTEGER -> {
                Token t = advance();
                yield new Ast.IntLit(t.intValue(), t.line(), t.col());
            }
            case STRING -> {
                Token t = advance();
                yield new Ast.StrLit(t.stringValue(), t.line(), t.col());
            }
            case TRUE, FALSE -> {
                Token t = advance();
                yield new Ast.BoolLit(t.kind() == TokenKind.TRUE, t.line(), t.col());
            }
            case NONE -> {
                Token t = advance();
                yield new Ast.NoneLit(t.line(), t.col());
            }
            case LEFT_PAREN -> {
                openNesting();
                Expr inner = booleanExpr();
                consume(TokenKind.RIGHT_PAREN);
                closeNesting();
                yield inner;
            }
            default -> throw expected("an expression");
        };
        if (minus == null) return operand;
        return new Ast.Unary(Ast.UnOp.NEG, operand, minus.line(), minus.col());
    }

    /** LHS ::= Name ('.' Name | '[' Expression ']')* */
    private Expr lhs() throws SyntaxError {
        Token name = consume(TokenKind.IDENTIFIER);
        Expr result = new Ast.Name(name.text(), name.line(), name.col());
        while (true) {
            if (check(TokenKind.DOT)) {
                Token dot = advance();
                Token field = consume(TokenKind.IDENTIFIER);
                result = new Ast.Field(result, field.text(), dot.line(), dot.col());
            } else if (check(TokenKind.LEFT_BRACKET)) {
                Token open = openNesting();
                Expr index = expression();
                consume(TokenKind.RIGHT_BRACKET);
                closeNesting();
                result = new Ast.Index(result, index, open.line(), open.col());
            } else {
                return result;
            }
        }
    }

    /** The argument list of a Call; the current token is its '('. */
    private Ast.Call call(Expr callee) throws SyntaxError {
        Token open = openNesting();
        List<Expr> args = new ArrayList<>();
        if (!check(TokenKind.RIGHT_PAREN)) {
            do {
                args.add(expression());
            } while (match(TokenKind.COMMA));
        }
        consume(TokenKind.RIGHT_PAREN);
        closeNesting();
        return new Ast.Call(callee, List.copyOf(args), open.line(), open.col());
    }

    // ---------------------------------------------------------------- nesting

    /** Consumes the current token, an opening bracket, counting it against the limit. */
    private Token openNesting() throws SyntaxError {
        if (depth >= MAX_NESTING) throw tooDeep(current);
        depth++;
        return advance();
    }

    private void closeNesting() {
        depth--;
    }

    private SyntaxError tooDeep(Token at) {
        return new SyntaxError(at.line(), at.col(),
                "nesting too deep (more than " + MAX_NESTING + " levels)");
    }

    // ---------------------------------------------------------------- tokens

    private boolean check(TokenKind kind) {
        return current.kind() == kind;
    }

    private Token advance() throws SyntaxError {
        Token consumed = current;
        current = scanner.next();
        return consumed;
    }

    private boolean match(TokenKind kind) throws SyntaxError {
        if (!check(kind)) return false;
        advance();
        return true;
    }

    /** Consumes a token of the given kind, or fails with "expected X before 'tok'". */
    private Token consume(TokenKind kind) throws SyntaxError {
        if (!check(kind)) throw expected(kind.description());
        return advance();
    }

    private SyntaxError expected(String what) {
        return new SyntaxError(current.line(), current.col(),
                "expected " + what + " before " + current.describe());
    }
}
