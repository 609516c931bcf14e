/// What the programme's S-curve weighs each building by (its floor area, when it has a plan),
/// with the batch it is in, and a fingerprint of the lot.
///
/// The status store keeps the reported curve as daily sums, per batch, of these weights times
/// each day's change in percent: a curve over a million reports then reads a few thousand rows.
/// The weights are the dataset's, not the store's, so the sums are stamped with the fingerprint
/// of the weights they were made with, and a reader whose programme weighs otherwise (another
/// dataset, or a plan that records changed) reads the reports instead.
public struct CurveWeights: Sendable {
    public struct Weight: Sendable {
        public let batch: String
        public let weight: Double
    }

    /// By building id: the buildings the programme's curve counts.
    public let byBuilding: [String: Weight]
    public let fingerprint: String

    public init(programme: Programme) {
        self.init(GroupProgress(programme: programme, group: .programme))
    }

    /// From the programme's group: the same buildings and weights its curve uses.
    public init(_ programme: GroupProgress) {
        var byBuilding: [String: Weight] = [:]
        var text = ""
        for (building, weight) in zip(programme.buildings, programme.weights).sorted(by: { $0.0.id < $1.0.id }) {
            byBuilding[building.id] = Weight(batch: building.batchID, weight: weight)
            text += building.id + "\u{1F}" + building.batchID + "\u{1F}" + String(weight.bitPattern, radix: 16) + "\n"
        }
        self.byBuilding = byBuilding
        fingerprint = String(FNV1a.hash(Array(text.utf8)), radix: 16)
    }
}

/// What a group's reported curve is drawn from, as the store gives it.
public enum ReportedProgress: Hashable, Sendable {
    /// Every standing report of the group's buildings, oldest first; none: each building's
    /// current figure counts.
    case reports([ProgressPoint])
    /// The store's daily sums over the group's batches, oldest first: each day's change in the
    /// weighted percent (floor area × percent, summed over the buildings).
    case daily([DailyChange])
}

/// One day's change in a group's weighted percent.
public struct DailyChange: Hashable, Sendable {
    public var day: Day
    public var weighted: Double

    public init(day: Day, weighted: Double) {
        self.day = day
        self.weighted = weighted
    }
}

/// What a group's curve asks the store for: the reports of `subjects` (nil: every building) as
/// known at the end of `knownOn` (nil: now), or, for now, the daily sums of `batches` (nil:
/// every batch) when they were made with the weights whose fingerprint is `weights`.
public struct ProgressRequest: Hashable, Sendable {
    public var subjects: [String]?
    public var batches: [String]?
    public var weights: String
    public var knownOn: Day?

    public init(subjects: [String]?, batches: [String]?, weights: String, knownOn: Day?) {
        (self.subjects, self.batches, self.weights, self.knownOn) = (subjects, batches, weights, knownOn)
    }
}

extension Programme {
    /// What the programme's own curve reads, as known at the end of `knownOn` (nil: now).
    public func progressRequest(knownOn: Day?) -> ProgressRequest {
        let programme = GroupProgress(programme: self, group: .programme)
        return progressRequest(programme, of: .programme, weights: CurveWeights(programme), knownOn: knownOn)
    }

    /// What the curve of `group` reads, as known at the end of `knownOn` (nil: now), weighed by
    /// `weights` (this programme's).
    public func progressRequest(_ group: GroupProgress, of kind: ProgressGroup, weights: CurveWeights,
                                knownOn: Day?) -> ProgressRequest {
        // The programme's curve ignores reports of buildings it does not count: no list is sent.
        let subjects = kind == .programme ? nil : group.buildings.map(\.id)
        let batches: [String]?
        switch kind {
        case .programme: batches = nil
        case .phase(let id): batches = self.batches(in: id).map(\.id)
        case .batch(let id): batches = [id]
        }
        return ProgressRequest(subjects: subjects, batches: batches, weights: weights.fingerprint, knownOn: knownOn)
    }
}
