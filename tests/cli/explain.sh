#!/bin/sh
# infdiag analyze --explain: the derivation narrated, in text and in
# Markdown, checked line by line on Example 3, and refused for JSON.
. "$(dirname "$0")/lib.sh"

ex3=$EXAMPLES/example3.json

run analyze --explain "$ex3"
expect_status "explain text" 0
expect_empty "explain text" err
for line in \
    '1. Decompose the diagram into sink subgraphs' \
    '     (a) each consists of one sink node and all nodes with an arrow into it;' \
    '     (b) every node with incoming arrows has its own subgraph;' \
    '     (c) no arrow is in two subgraphs;' \
    '     (d) together they make up the whole graph.' \
    '     h ← {g, x}' \
    '2. Write each subgraph'"'"'s perturbation rule' \
    '     δg = dg/dx δx' \
    '     δh = ∂h/∂g δg + ∂h/∂x δx' \
    '     δy = ∂y/∂x δx + ∂y/∂g δg + ∂y/∂h δh' \
    '3. Substitute the rules into each other, from the output down' \
    '   substitute δh = ∂h/∂g δg + ∂h/∂x δx:' \
    '     δy = ∂y/∂x δx + ∂y/∂g δg + ∂y/∂h (∂h/∂g δg + ∂h/∂x δx)' \
    '   substitute δg = dg/dx δx:' \
    '     δy = ∂y/∂x δx + ∂y/∂g dg/dx δx + ∂y/∂h (∂h/∂g dg/dx δx + ∂h/∂x δx)' \
    '4. Collect the terms by path' \
    '     1. x → y:  ∂y/∂x' \
    '     2. x → g → y:  ∂y/∂g·dg/dx' \
    '     3. x → h → y:  ∂y/∂h·∂h/∂x' \
    '     4. x → g → h → y:  ∂y/∂h·∂h/∂g·dg/dx' \
    '     dy/dx = ∂y/∂x + ∂y/∂g·dg/dx + ∂y/∂h·∂h/∂x + ∂y/∂h·∂h/∂g·dg/dx' \
    '           = ∂y/∂x + ∂y/∂g·dg/dx + ∂y/∂h·(∂h/∂g·dg/dx + ∂h/∂x)' \
    '5. Partial versus total' \
    '   The partial ∂y/∂x is the term of the direct arrow x → y (path 1) alone: it holds every other input of y fixed. The total dy/dx adds the 3 indirect paths.'
do
	if grep -qxF -- "$line" "$TMPD/out"; then
		ok "explain text: a line '$line'"
	else
		not_ok "explain text: a line '$line'" "$(head -c 400 "$TMPD/out")"
	fi
done
# The substitutions go from the output down: h before g.
if grep '^   substitute' "$TMPD/out" | head -1 | grep -q '^   substitute δh = '; then
	ok "explain text: h is substituted before g"
else
	not_ok "explain text: h is substituted before g"
fi

# The ellipsoid: the other input held fixed, and the numbers.
run analyze --explain "$EXAMPLES/ellipsoid.json"
expect_status "explain ellipsoid" 0
expect_grep "explain ellipsoid" out 'Perturb x alone: every variable it does not influence stays fixed (δy = 0), so those terms drop out.'
expect_grep "explain ellipsoid" out '     δf = ∂f/∂t dt/dx δx + ∂f/∂x δx'
expect_grep "explain ellipsoid" out 'With the numbers: ∂f/∂x = 25.1327412287, but df/dx = 50.2654824574; the indirect paths add 25.1327412287.'

# ASCII.
run analyze --explain --ascii "$ex3"
expect_status "explain ascii" 0
expect_grep "explain ascii" out '     delta y = del y/del x delta x + del y/del g dg/dx delta x + del y/del h (del h/del g dg/dx delta x + del h/del x delta x)'
# Past the title and the description, which are the model's own text.
if tail -n +3 "$TMPD/out" | LC_ALL=C grep -q '[^ -~]'; then
	not_ok "explain ascii: only ASCII" "$(tail -n +3 "$TMPD/out" | LC_ALL=C grep -n '[^ -~]' | head -3)"
else
	ok "explain ascii: only ASCII after the title"
fi

# Markdown.
run analyze --explain --format markdown "$ex3"
expect_status "explain markdown" 0
for line in \
    '# Example 3: y = f(x, g(x), h(x, g(x)))' \
    '## 1. Decompose the diagram into sink subgraphs' \
    '- (c) no arrow is in two subgraphs;' \
    '- $h \leftarrow \{g, x\}$' \
    '### 3. Substitute the rules into each other, from the output down' \
    'substitute $\delta g = \frac{dg}{dx}\, \delta x$:' \
    '\delta y = \frac{\partial y}{\partial x}\, \delta x + \frac{\partial y}{\partial g}\, \delta g + \frac{\partial y}{\partial h}\, \left(\frac{\partial h}{\partial g}\, \delta g + \frac{\partial h}{\partial x}\, \delta x\right)' \
    '4. $x \to g \to h \to y$: $\frac{\partial y}{\partial h} \cdot \frac{\partial h}{\partial g} \cdot \frac{dg}{dx}$' \
    '### 5. Partial versus total'
do
	if grep -qxF -- "$line" "$TMPD/out"; then
		ok "explain markdown: a line $(printf '%s' "$line" | tr -d '\\' | cut -c1-60)"
	else
		not_ok "explain markdown: a line $(printf '%s' "$line" | tr -d '\\' | cut -c1-60)"
	fi
done
expect_count_blocks=$(grep -c '^\$\$$' "$TMPD/out")
if [ "$expect_count_blocks" -eq 16 ]; then
	ok "explain markdown: 8 display blocks"
else
	not_ok "explain markdown: 8 display blocks" "got $expect_count_blocks \$\$ lines"
fi

# Not for JSON; not for the other commands' parts.
run analyze --explain --format json "$ex3"
expect_status "explain json" 2
expect_grep "explain json" err 'is for text, markdown and latex'
expect_empty "explain json" out
# In LaTeX: the steps as sections (1, 2) and subsections of their
# derivative's (3 to 5).
run analyze --explain --format latex "$ex3"
expect_status "explain latex" 0
expect_grep "explain latex" out '\section*{1. Decompose the diagram into sink subgraphs}'
expect_grep "explain latex" out '\subsection*{3. Substitute the rules into each other, from the output down}'
expect_grep "explain latex" out '  \item (c) no arrow is in two subgraphs;'

# A large derivative: the forward form instead of the substitutions.
run analyze --explain "$EXAMPLES/perceptron.json"
expect_status "explain perceptron" 0
expect_grep "explain perceptron" out '   substitute δf = ∂f/∂b_1 δb_1 + ∂f/∂b_2 δb_2:'

done_testing
