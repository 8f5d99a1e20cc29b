package io.gcvm.jit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The assembler's local-variable forms against the opcode table of JVMS chapter 6. */
class CodeTest {

    private static byte[] local(int opcode, int index) {
        Code c = new Code(new ClassFile("T", "java/lang/Object"), 8);
        c.local(opcode, index);
        return c.bytes();
    }

    @Test
    void localsZeroToThreeTakeTheOneByteForm() {
        // iload_0 0x1a, lload_0 0x1e, aload_0 0x2a, istore_0 0x3b, lstore_0 0x3f, astore_0 0x4b
        int[][] firstShortForm = {{Code.ILOAD, 0x1A}, {Code.LLOAD, 0x1E}, {Code.ALOAD, 0x2A},
                {Code.ISTORE, 0x3B}, {Code.LSTORE, 0x3F}, {Code.ASTORE, 0x4B}};
        for (int[] form : firstShortForm) {
            for (int i = 0; i <= 3; i++) {
                assertArrayEquals(new byte[] {(byte) (form[1] + i)}, local(form[0], i), "opcode " + form[0] + ", local " + i);
            }
        }
    }

    @Test
    void higherLocalsTakeTheOpcodeAndAnIndexByte() {
        for (int opcode : new int[] {Code.ILOAD, Code.LLOAD, Code.ALOAD, Code.ISTORE, Code.LSTORE, Code.ASTORE}) {
            assertArrayEquals(new byte[] {(byte) opcode, 4}, local(opcode, 4));
            assertArrayEquals(new byte[] {(byte) opcode, (byte) 255}, local(opcode, 255));
        }
    }

    @Test
    void localsPast255TakeTheWidePrefix() {
        // wide 0xc4, then the opcode and a two-byte index
        assertArrayEquals(new byte[] {(byte) 0xC4, Code.LLOAD, 0x01, 0x2C}, local(Code.LLOAD, 300));
        assertArrayEquals(new byte[] {(byte) 0xC4, Code.ISTORE, (byte) 0xFF, (byte) 0xFF}, local(Code.ISTORE, 65535));
    }

    @Test
    void tableswitchIsPaddedToFourBytesWithOffsetsFromItsOpcode() {
        Code c = new Code(new ClassFile("T", "java/lang/Object"), 8);
        int zero = c.newLabel(), one = c.newLabel();
        c.op(Code.ICONST_0);                  // 0
        c.tableswitch(new int[] {zero, one}, 2); // 1: opcode, 2-3: padding, 4: default, 8: low, 12: high, 16, 20: offsets
        c.bind(zero);                         // 24
        c.op(Code.RETURN);
        c.bind(one);                          // 25
        c.op(Code.RETURN);
        byte[] expected = {Code.ICONST_0, (byte) Code.TABLESWITCH, 0, 0, 0, 0, 0, 23, 0, 0, 0, 0, 0, 0, 0, 1,
                0, 0, 0, 23, 0, 0, 0, 24, (byte) Code.RETURN, (byte) Code.RETURN};
        assertArrayEquals(expected, c.bytes());
    }
}
