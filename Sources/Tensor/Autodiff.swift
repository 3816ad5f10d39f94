/// One recorded operation of a differentiation: the nodes of its tracked inputs and how to turn the gradient of
/// its output into gradients of those inputs. Leaves (the tensors differentiated against) have no `backward`.
final class GradNode {
    let inputs: [GradNode?]
    let backward: ((Tensor) -> [Tensor?])?
    var gradient: Tensor?

    init(inputs: [GradNode?], backward: ((Tensor) -> [Tensor?])?) {
        self.inputs = inputs
        self.backward = backward
    }

    /// Adds `g` to the accumulated gradient.
    func accumulate(_ g: Tensor) {
        if let existing = gradient {
            gradient = existing.adding(g)
        } else {
            gradient = g.detached
        }
    }
}

extension Tensor {
    /// Returns `result`, recording it as a function of `inputs` when any input is tracked.
    ///
    /// `backward` receives the gradient of the result and returns one gradient per input (in order, `nil` for an
    /// input that needs none). Untracked inputs make this a no-op, which is the inference fast path.
    static func record(_ result: Tensor, _ inputs: [Tensor], _ backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        guard inputs.contains(where: { $0.node != nil }) else { return result }
        var tracked = result
        tracked.node = GradNode(inputs: inputs.map(\.node), backward: backward)
        return tracked
    }

    /// The value of `function` at `inputs` and its gradient with respect to each input (reverse mode).
    ///
    /// `function` must return a tensor with one scalar (a loss). Inputs that do not influence it get zero gradients.
    public static func valueWithGradient(
        at inputs: [Tensor], of function: ([Tensor]) throws -> Tensor
    ) rethrows -> (value: Tensor, gradients: [Tensor]) {
        let leaves = inputs.map { _ in GradNode(inputs: [], backward: nil) }
        let tracked = zip(inputs, leaves).map { input, leaf -> Tensor in
            var t = input
            t.node = leaf
            return t
        }
        let output = try function(tracked)
        precondition(output.count == 1, "valueWithGradient: the function returned shape \(output.shape), not a scalar")
        if let root = output.node {
            root.accumulate(Tensor(repeating: 1, shape: output.shape))
            backpropagate(from: root)
        }
        let gradients = zip(inputs, leaves).map { input, leaf in leaf.gradient ?? .zeros(input.shape) }
        return (output.detached, gradients)
    }

    /// Walks the graph below `root` in reverse topological order, handing each node's gradient to its inputs.
    private static func backpropagate(from root: GradNode) {
        var order: [GradNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(GradNode, Bool)] = [(root, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for case let input? in node.inputs where !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        for node in order.reversed() {
            guard let backward = node.backward, let gradient = node.gradient else { continue }
            node.gradient = nil
            let inputGradients = backward(gradient)
            for (input, g) in zip(node.inputs, inputGradients) {
                if let input, let g { input.accumulate(g) }
            }
        }
    }
}
