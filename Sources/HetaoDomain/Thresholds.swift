/// How a figure stands against its thresholds.
public enum Standing: Hashable, Sendable { case fine, warning, bad, unknown }

/// Where a figure turns to a warning and to bad, and which way is worse: a lag behind plan grows
/// worse upwards, SPI and CPI downwards. One rule for both, set from the config file
/// (`evm_warning`, `evm_bad`; `behind_plan_warning`, `behind_plan_bad`).
public struct Thresholds: Hashable, Sendable {
    public enum Worse: Hashable, Sendable { case above, below }

    public var warning: Double
    public var bad: Double
    public var worse: Worse

    public init(warning: Double, bad: Double, worse: Worse) {
        self.warning = warning
        self.bad = bad
        self.worse = worse
    }

    /// SPI and CPI: at or above 0.95 fine, below 0.9 bad.
    public static let earnedValue = Thresholds(warning: 0.95, bad: 0.9, worse: .below)
    /// Behind plan, in percentage points: from 10 a warning, from 25 bad.
    public static let behindPlan = Thresholds(warning: 10, bad: 25, worse: .above)

    public func standing(of value: Double?) -> Standing {
        guard let value else { return .unknown }
        switch worse {
        case .above: return value >= bad ? .bad : value >= warning ? .warning : .fine
        case .below: return value < bad ? .bad : value < warning ? .warning : .fine
        }
    }
}
