/// How far a long piece of work (an import, an export, the first seeding of a store) has got,
/// for whoever shows it, and whether it is to stop. The work asks at every item; the one who
/// shows it is told only every 1,024 items and at the last, so asking costs next to nothing.
public struct WorkProgress: Sendable {
    public enum Stage: String, Sendable {
        case reading, checking, writing, seeding
    }

    private let tell: @Sendable (Stage, Int, Int) -> Void
    private let stop: @Sendable () -> Bool

    /// `tell` receives the stage, the items done and the items in all; `stop` is asked with it.
    public init(tell: @escaping @Sendable (Stage, Int, Int) -> Void, stop: @escaping @Sendable () -> Bool) {
        self.tell = tell
        self.stop = stop
    }

    /// Work that nobody watches and nothing stops.
    public static let unwatched = WorkProgress(tell: { _, _, _ in }, stop: { false })

    /// Tells how far `stage` has got; throws when the work is to stop, so that what it was
    /// writing is rolled back.
    @inline(__always)
    public func report(_ stage: Stage, _ done: Int, of total: Int) throws(WorkCancelled) {
        guard done & 1023 == 0 || done == total else { return }
        tell(stage, done, total)
        if stop() { throw WorkCancelled() }
    }
}

/// The work was asked to stop (Ctrl-C) and has changed nothing.
public struct WorkCancelled: Error, Sendable {
    public init() {}
}
