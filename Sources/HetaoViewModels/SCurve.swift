import HetaoDomain

/// Planned against reported progress of one building, for a chart: the plan sampled evenly from
/// its start to the later of its finish and today, and each report as a point.
public struct SCurve: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        public var day: Day
        /// 0–1.
        public var share: Double

        public init(day: Day, share: Double) {
            self.day = day
            self.share = share
        }
    }

    public var start: Day
    public var end: Day
    /// The planned share done at `samples` evenly spaced days from `start` to `end`.
    public var planned: [Double]
    public var reported: [Point]
    public var isIllustrative: Bool

    public static let samples = 81

    public init(window: PlannedWindow, reported: [Point], today: Day, illustrative: Bool) {
        self.init(start: window.start, finish: window.finish, planned: window.fraction, reported: reported, today: today,
                  illustrative: illustrative)
    }

    public init(start: Day, finish: Day, planned: (Day) -> Double, reported: [Point], today: Day, illustrative: Bool) {
        self.start = start
        end = max(finish, today, reported.last?.day ?? today)
        let span = Double(max(1, start.days(until: end)))
        self.planned = (0..<Self.samples).map { i in
            planned(start.adding(days: Int((span * Double(i) / Double(Self.samples - 1)).rounded())))
        }
        self.reported = reported
        isIllustrative = illustrative
    }

    /// Where `day` falls between start (0) and end (1).
    public func position(of day: Day) -> Double {
        Double(start.days(until: day)) / Double(max(1, start.days(until: end)))
    }
}
