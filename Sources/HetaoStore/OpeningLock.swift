import Foundation

/// A lock on the store's folder held while a process opens the store, so that a process
/// creating a new store finishes its schema and seed before another looks at the file (which
/// would otherwise find an SQLite file with no tables yet and refuse it as someone else's).
///
/// It is `flock` on the folder, not on the database file: closing any descriptor of the
/// database file would drop the POSIX locks SQLite holds on it in this process. Writers take
/// it exclusively and readers shared; where the folder cannot be opened the store opens
/// without it, as a reader who cannot create a store has nothing to race.
struct OpeningLock {
    private let descriptor: Int32

    init(folder: String, exclusive: Bool) {
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        while flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) != 0 && errno == EINTR {}
    }

    func release() {
        if descriptor >= 0 { close(descriptor) }
    }
}
