package dev.holdfast.lock.support;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;

/** Lists the variables ({@code #name}) an expression reads, leaving out {@code #root} and {@code #this}. */
final class ExpressionVariables {

    private ExpressionVariables() {}

    static Set<String> of(Expression expression) {
        Set<String> names = new LinkedHashSet<>();
        if (expression instanceof SpelExpression spel) {
            collect(spel.getAST(), names);
        }
        return names;
    }

    private static void collect(SpelNode node, Set<String> names) {
        if (node instanceof VariableReference) {
            String name = node.toStringAST().substring(1);
            if (!name.equals("root") && !name.equals("this")) {
                names.add(name);
            }
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collect(node.getChild(i), names);
        }
    }
}
