import Dispatch
import Glibc
import HetaoViewModels
import Synchronization

/// Work the loop hands off its input path: reading that can take long on a large store (every
/// progress report of 10,000 buildings for an S-curve). It runs on another thread, one piece at
/// a time; what it answers waits here, and `descriptor` (a pipe) becomes readable so that the
/// loop, asleep in its wait, wakes to take it. Meanwhile keys keep working and the screen says
/// what is read. Work not yet started when newer work is asked for is skipped: it would answer
/// for a state the loop has already left.
final class BackgroundWork: @unchecked Sendable {
    /// Readable when answers are waiting; nil where no pipe could be made (work is then done at
    /// once, on the loop's thread).
    let descriptor: Int32?
    private let writeEnd: Int32
    private let answers = Mutex<[Action]>([])
    /// The number of the newest piece of work asked for: older ones not yet started are skipped.
    private let newest = Atomic<Int>(0)
    private let queue = DispatchQueue(label: "hetao.background", qos: .userInitiated)

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
            (descriptor, writeEnd) = (ends[0], ends[1])
        } else {
            (descriptor, writeEnd) = (nil, -1)
        }
    }

    deinit {
        if let descriptor { close(descriptor) }
        if writeEnd >= 0 { close(writeEnd) }
    }

    /// Runs `work` off the loop's thread, unless newer work is asked for before its turn; its
    /// answers wait for `take`. Without a pipe, runs it now and returns its answers.
    func start(_ work: @escaping @Sendable () -> [Action]) -> [Action] {
        guard descriptor != nil else { return work() }
        let number = newest.add(1, ordering: .sequentiallyConsistent).newValue
        queue.async { [self] in
            guard newest.load(ordering: .sequentiallyConsistent) == number else { return }
            let done = work()
            answers.withLock { $0 += done }
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
        return []
    }

    /// The answers of work that finished, oldest first; the pipe emptied.
    func take() -> [Action] {
        guard let descriptor else { return [] }
        var drain = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &drain, drain.count) > 0 {}
        return answers.withLock { taken in
            defer { taken = [] }
            return taken
        }
    }
}
