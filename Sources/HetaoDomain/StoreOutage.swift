/// The status store out of reach (its server stopped, the link down): since when, and as of
/// when the figures on screen were read. A dashboard keeps showing those, says so, and picks
/// the store up again by itself when it is back.
public struct StoreOutage: Hashable, Sendable {
    /// UTC stamps, shown in local time.
    public var since: String
    public var figuresAsOf: String

    public init(since: String, figuresAsOf: String) {
        self.since = since
        self.figuresAsOf = figuresAsOf
    }
}
