import HetaoDomain

/// The database behind a status store: an SQLite file (`SQLiteBackend`) or a PostgreSQL server
/// (`PostgresBackend`). The store's rules are written once, against `StoreSQL`; a backend opens
/// the database, creates or migrates its schema, runs transactions and says when it changed.
protocol StoreBackend: AnyObject {
    /// Where the store is, as messages name it (a PostgreSQL password never shows).
    var path: String { get }
    var isReadOnly: Bool { get }
    /// True when this process made the store (so a failed first import can undo it), or found it
    /// empty and made it one.
    var wasCreated: Bool { get }
    var wasEmpty: Bool { get }
    /// What opening it did or had to fall back on, for the user to be told.
    var notices: [String] { get }
    /// True when `latest` cannot be used (an old schema this user cannot migrate): the latest
    /// figures are computed from the records.
    var derivesLatest: Bool { get set }
    /// Who writes through it.
    var writer: String { get }
    var dialect: StoreDialect { get }

    func read<T>(_ body: (any StoreSQL) throws -> T) throws -> T
    /// One transaction, all or nothing, as the store's writer or, given `writer`, as that name
    /// (the dataset's own first records).
    func write<T>(as writer: String?, _ body: (any StoreSQL) throws -> T) throws -> T
    /// A read on a connection of its own, for work off a dashboard's input path.
    func readAside<T>(_ body: (any StoreSQL) throws -> T) throws -> T
    /// Changes whenever a record is committed, by anyone.
    func dataVersion() throws -> Int64
    /// Now by the clock records are stamped with (on PostgreSQL the server's, not this host's).
    func now() throws -> String
    /// Readable when a record may have been committed, for a dashboard to sleep on; nil where the
    /// caller watches the store's file instead, or cannot watch (then it polls).
    var changes: Int32? { get }
    /// Reads what made `changes` readable.
    func drainChanges()
    /// What a database error means for the user.
    func translate(_ error: any Error) -> StoreError
    /// Undoes a store this process made, after a first import or restore failed.
    func discardIfNew()
}
