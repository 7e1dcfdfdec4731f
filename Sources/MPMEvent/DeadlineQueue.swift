// A FIFO of (connection id, deadline). All entries of one queue share one timeout, so they
// are appended in deadline order and the earliest is always at the head: checking for expired
// connections costs O(1) per turn instead of a scan of every parked connection. Entries of
// connections that left the queue early are skipped when they reach the head.

struct DeadlineQueue {
    private var entries: [(id: UInt64, deadline: Int64)] = []
    private var head = 0

    mutating func append(_ id: UInt64, _ deadline: Int64) {
        entries.append((id, deadline))
    }

    var first: (id: UInt64, deadline: Int64)? { head < entries.count ? entries[head] : nil }

    mutating func removeFirst() {
        head += 1
        if head > 1024 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    mutating func removeAll() {
        entries.removeAll()
        head = 0
    }
}
