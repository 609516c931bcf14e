import HetaoDomain

/// A label and a value, with whether the value is illustrative.
public struct Fact: Hashable, Sendable {
    public var label: String
    public var value: String
    public var isIllustrative: Bool
    public var severity: Severity

    public init(_ label: String, _ value: String, illustrative: Bool = false, severity: Severity = .normal) {
        self.label = label
        self.value = value
        self.isIllustrative = illustrative
        self.severity = severity
    }
}
