package dev.holdfast.lock.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.asm.Handle;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;

/**
 * Follows a method's operand stack through its byte code far enough to tell, at each method call, whether the receiver
 * is {@code this}: loaded from local 0 of an instance method (cast or duplicated at most). Anything else on the stack,
 * such as a field holding the bean's own proxy ({@code self.run()}) or a parameter, is not. The stack is kept one entry
 * per slot; at a jump target it is the one the jump saw, and after an unconditional jump with no jump seen yet it
 * starts empty, as between the statements javac writes.
 */
abstract class ReceiverTracker extends MethodVisitor {

    private static final Boolean THIS = Boolean.TRUE;

    private static final Boolean OTHER = Boolean.FALSE;

    private final boolean instanceMethod;

    private final Map<Label, List<Boolean>> atLabel = new HashMap<>();

    private List<Boolean> stack = new ArrayList<>();

    private boolean reachable = true;

    ReceiverTracker(boolean instanceMethod) {
        super(SpringAsmInfo.ASM_VERSION);
        this.instanceMethod = instanceMethod;
    }

    /** Called for every instance method call, saying whether its receiver is {@code this}. */
    abstract void call(String owner, String name, String descriptor, boolean onThis);

    @Override
    public void visitInsn(int opcode) {
        switch (opcode) {
            case Opcodes.NOP,
                    Opcodes.INEG,
                    Opcodes.FNEG,
                    Opcodes.LNEG,
                    Opcodes.DNEG,
                    Opcodes.I2F,
                    Opcodes.F2I,
                    Opcodes.L2D,
                    Opcodes.D2L,
                    Opcodes.I2B,
                    Opcodes.I2C,
                    Opcodes.I2S,
                    Opcodes.ARRAYLENGTH -> {
                // the same slots, holding a number: never this
            }
            case Opcodes.ACONST_NULL,
                    Opcodes.ICONST_M1,
                    Opcodes.ICONST_0,
                    Opcodes.ICONST_1,
                    Opcodes.ICONST_2,
                    Opcodes.ICONST_3,
                    Opcodes.ICONST_4,
                    Opcodes.ICONST_5,
                    Opcodes.FCONST_0,
                    Opcodes.FCONST_1,
                    Opcodes.FCONST_2 -> change(0, 1);
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1 -> change(0, 2);
            case Opcodes.IALOAD,
                    Opcodes.FALOAD,
                    Opcodes.AALOAD,
                    Opcodes.BALOAD,
                    Opcodes.CALOAD,
                    Opcodes.SALOAD,
                    Opcodes.IADD,
                    Opcodes.ISUB,
                    Opcodes.IMUL,
                    Opcodes.IDIV,
                    Opcodes.IREM,
                    Opcodes.ISHL,
                    Opcodes.ISHR,
                    Opcodes.IUSHR,
                    Opcodes.IAND,
                    Opcodes.IOR,
                    Opcodes.IXOR,
                    Opcodes.FADD,
                    Opcodes.FSUB,
                    Opcodes.FMUL,
                    Opcodes.FDIV,
                    Opcodes.FREM,
                    Opcodes.FCMPL,
                    Opcodes.FCMPG -> change(2, 1);
            case Opcodes.LALOAD, Opcodes.DALOAD -> change(2, 2);
            case Opcodes.IASTORE, Opcodes.FASTORE, Opcodes.AASTORE, Opcodes.BASTORE, Opcodes.CASTORE, Opcodes.SASTORE ->
                change(3, 0);
            case Opcodes.LASTORE, Opcodes.DASTORE -> change(4, 0);
            case Opcodes.POP, Opcodes.MONITORENTER, Opcodes.MONITOREXIT -> change(1, 0);
            case Opcodes.POP2 -> change(2, 0);
            case Opcodes.DUP -> duplicate(1, 0);
            case Opcodes.DUP_X1 -> duplicate(1, 1);
            case Opcodes.DUP_X2 -> duplicate(1, 2);
            case Opcodes.DUP2 -> duplicate(2, 0);
            case Opcodes.DUP2_X1 -> duplicate(2, 1);
            case Opcodes.DUP2_X2 -> duplicate(2, 2);
            case Opcodes.SWAP -> swap();
            case Opcodes.LADD,
                    Opcodes.LSUB,
                    Opcodes.LMUL,
                    Opcodes.LDIV,
                    Opcodes.LREM,
                    Opcodes.LAND,
                    Opcodes.LOR,
                    Opcodes.LXOR,
                    Opcodes.DADD,
                    Opcodes.DSUB,
                    Opcodes.DMUL,
                    Opcodes.DDIV,
                    Opcodes.DREM -> change(4, 2);
            case Opcodes.LSHL, Opcodes.LSHR, Opcodes.LUSHR -> change(3, 2);
            case Opcodes.I2L, Opcodes.I2D, Opcodes.F2L, Opcodes.F2D -> change(1, 2);
            case Opcodes.L2I, Opcodes.L2F, Opcodes.D2I, Opcodes.D2F -> change(2, 1);
            case Opcodes.LCMP, Opcodes.DCMPL, Opcodes.DCMPG -> change(4, 1);
            default -> unreachable(); // the returns and ATHROW
        }
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        change((opcode == Opcodes.NEWARRAY) ? 1 : 0, 1);
    }

    @Override
    public void visitVarInsn(int opcode, int slot) {
        switch (opcode) {
            case Opcodes.ALOAD -> push((this.instanceMethod && slot == 0) ? THIS : OTHER);
            case Opcodes.ILOAD, Opcodes.FLOAD -> change(0, 1);
            case Opcodes.LLOAD, Opcodes.DLOAD -> change(0, 2);
            case Opcodes.ISTORE, Opcodes.FSTORE, Opcodes.ASTORE -> change(1, 0);
            case Opcodes.LSTORE, Opcodes.DSTORE -> change(2, 0);
            default -> unreachable(); // RET
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        if (opcode == Opcodes.NEW) {
            change(0, 1);
        } else if (opcode != Opcodes.CHECKCAST) { // a cast keeps what it casts
            change(1, 1);
        }
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        int size = Type.getType(descriptor).getSize();
        switch (opcode) {
            case Opcodes.GETSTATIC -> change(0, size);
            case Opcodes.PUTSTATIC -> change(size, 0);
            case Opcodes.GETFIELD -> change(1, size);
            default -> change(1 + size, 0);
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        int arguments = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - 1;
        if (opcode != Opcodes.INVOKESTATIC) {
            int receiver = this.stack.size() - arguments - 1;
            call(owner, name, descriptor, this.reachable && receiver >= 0 && this.stack.get(receiver));
            arguments++;
        }
        change(arguments, Type.getReturnType(descriptor).getSize());
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        change(
                (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - 1,
                Type.getReturnType(descriptor).getSize());
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        switch (opcode) {
            case Opcodes.IF_ICMPEQ,
                    Opcodes.IF_ICMPNE,
                    Opcodes.IF_ICMPLT,
                    Opcodes.IF_ICMPGE,
                    Opcodes.IF_ICMPGT,
                    Opcodes.IF_ICMPLE,
                    Opcodes.IF_ACMPEQ,
                    Opcodes.IF_ACMPNE -> change(2, 0);
            case Opcodes.GOTO, Opcodes.JSR -> {}
            default -> change(1, 0);
        }
        this.atLabel.putIfAbsent(label, new ArrayList<>(this.stack));
        if (opcode == Opcodes.GOTO) {
            unreachable();
        }
    }

    @Override
    public void visitLabel(Label label) {
        List<Boolean> seen = this.atLabel.get(label);
        if (!this.reachable) {
            this.stack = (seen != null) ? new ArrayList<>(seen) : new ArrayList<>();
            this.reachable = true;
        }
    }

    @Override
    public void visitLdcInsn(Object value) {
        change(0, (value instanceof Long || value instanceof Double) ? 2 : 1);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label defaultLabel, Label... labels) {
        switchTo(defaultLabel, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label defaultLabel, int[] keys, Label[] labels) {
        switchTo(defaultLabel, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        change(dimensions, 1);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, @Nullable String type) {
        this.atLabel.put(handler, new ArrayList<>(List.of(OTHER)));
    }

    private void switchTo(Label defaultLabel, Label[] labels) {
        change(1, 0);
        this.atLabel.putIfAbsent(defaultLabel, new ArrayList<>(this.stack));
        for (Label label : labels) {
            this.atLabel.putIfAbsent(label, new ArrayList<>(this.stack));
        }
        unreachable();
    }

    private void change(int popped, int pushed) {
        if (popped > this.stack.size()) {
            this.stack.clear(); // lost track: nothing below counts as this
        } else {
            this.stack.subList(this.stack.size() - popped, this.stack.size()).clear();
        }
        for (int i = 0; i < pushed; i++) {
            this.stack.add(OTHER);
        }
    }

    private void push(Boolean value) {
        this.stack.add(value);
    }

    /** Copy the top {@code count} slots below the {@code skip} slots under them, as the DUP family does. */
    private void duplicate(int count, int skip) {
        int size = this.stack.size();
        if (count + skip > size) {
            change(count + skip, count * 2 + skip);
            return;
        }
        List<Boolean> top = new ArrayList<>(this.stack.subList(size - count, size));
        this.stack.addAll(size - count - skip, top);
    }

    private void swap() {
        int size = this.stack.size();
        if (size >= 2) {
            this.stack.add(size - 2, this.stack.remove(size - 1));
        }
    }

    private void unreachable() {
        this.stack = new ArrayList<>();
        this.reachable = false;
    }
}
