import Foundation

/// Runs `produce` on a worker thread ahead of the consumer, keeping at most `capacity` results queued.
///
/// Results come out in production order, so a deterministic producer gives a deterministic stream. A thrown error
/// ends production and is rethrown by every later `next()`. `stop()` (or releasing the owner) ends the worker.
final class Prefetcher<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue = [Result<Item, Error>]()
    private var stopped = false
    private let capacity: Int

    init(capacity: Int, produce: @escaping () throws -> Item) {
        self.capacity = max(1, capacity)
        let thread = Thread { [self] in work(produce) }
        thread.name = "jepalab.prefetch"
        thread.start()
    }

    private func work(_ produce: () throws -> Item) {
        while true {
            condition.lock()
            while queue.count >= capacity && !stopped { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { return }
            let result = Result { try produce() }
            condition.lock()
            queue.append(result)
            condition.broadcast()
            condition.unlock()
            if case .failure = result { return }
        }
    }

    /// The next item, waiting for the worker if none is ready.
    func next() throws -> Item {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        let result = queue[0]
        if case .success = result { queue.removeFirst() }
        condition.broadcast()
        return try result.get()
    }

    /// The number of results waiting.
    var ready: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
