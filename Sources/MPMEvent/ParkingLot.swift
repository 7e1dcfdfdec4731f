// The connections event's listener holds, by situation, with their deadlines. One per child,
// behind the listener's lock: worker threads park connections here, the listener thread takes
// them out when their socket is ready or their time is up.
import ServerCore

/// Why a connection waits in the listener; each situation has one timeout.
enum Parking: Int, CaseIterable {
    case readingHead, keepAlive, writing, lingering, shortLingering
}

struct ParkingLot {
    struct Parked {
        let connection: Connection
        let kind: Parking
        let deadline: Int64
    }

    private var parked: [UInt64: Parked] = [:]
    private var queues = [DeadlineQueue](repeating: DeadlineQueue(), count: Parking.allCases.count)
    private var counts = [Int](repeating: 0, count: Parking.allCases.count)
    private var nextID: UInt64 = 1 << 32
    /// Connections the child holds: parked, queued or being served.
    var openConnections = 0

    var isEmpty: Bool { openConnections == 0 }

    func count(_ kind: Parking) -> Int { counts[kind.rawValue] }

    /// Records `c` and returns the token its epoll registration must carry.
    mutating func park(_ c: Connection, _ kind: Parking, deadline: Int64) -> UInt64 {
        let id = nextID
        nextID += 1
        parked[id] = Parked(connection: c, kind: kind, deadline: deadline)
        queues[kind.rawValue].append(id, deadline)
        counts[kind.rawValue] += 1
        return id
    }

    /// Takes a parked connection out (its queue entry is skipped lazily when it reaches the
    /// head).
    mutating func unpark(_ id: UInt64) -> Parked? {
        guard let p = parked.removeValue(forKey: id) else { return nil }
        counts[p.kind.rawValue] -= 1
        return p
    }

    /// The earliest deadline of any parked connection.
    var earliestDeadline: Int64? {
        queues.compactMap(\.first?.deadline).min()
    }

    /// Takes out every connection whose deadline has passed. Each queue has one timeout, so its
    /// entries are in deadline order and only the head needs looking at.
    mutating func takeExpired(now: Int64) -> [Parked] {
        var out: [Parked] = []
        for i in queues.indices {
            while let head = queues[i].first, head.deadline <= now || parked[head.id]?.deadline != head.deadline {
                queues[i].removeFirst()
                if let p = parked[head.id], p.deadline == head.deadline, let taken = unpark(head.id) { out.append(taken) }
            }
        }
        return out
    }

    /// Takes out every parked connection for which `wanted` says yes.
    mutating func takeAll(where wanted: (Parked) -> Bool) -> [Parked] {
        let ids = parked.filter { wanted($0.value) }.map(\.key)
        return ids.compactMap { unpark($0) }
    }
}
