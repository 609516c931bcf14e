import HetaoDomain

/// A record checked by the rules every writer follows, and what became of it: the CLI's
/// `record` and the dashboard's form both come through here, so they refuse and warn alike.
public struct RecordOffer {
    /// Everything the validator found: errors, or warnings.
    public var issues: [RecordIssue]
    /// The record as stored, with its id; nil when refused.
    public var saved: StatusRecord?

    /// The outcome a form shows: saved, or refused with the issues next to their fields.
    public var outcome: RecordOutcome { saved.map { .saved($0) } ?? .refused(issues) }
}

extension StatusStore {
    /// Checks `record` against `dataset` (the published programme) and the latest records, and
    /// appends it unless an error stops it, or a warning does when `acceptingWarnings` is false.
    /// The S-curve's sums are kept with the weights of the programme as the store has it now,
    /// the weights a dashboard showing it asks for.
    public func offer(_ record: StatusRecord, dataset: Programme, today: Day,
                      acceptingWarnings: Bool) throws(StoreError) -> RecordOffer {
        let target = try record.supersedes.map { id throws(StoreError) in try correctionTarget(id) }
        let latest = try latest()
        let validator = RecordValidator(programme: dataset, today: today, latest: latest)
        let issues = validator.check(record, correcting: target)
        let stops = issues.contains { $0.severity == .error || !acceptingWarnings }
        guard !stops else { return RecordOffer(issues: issues, saved: nil) }
        return RecordOffer(issues: issues, saved: try append([record], curve: CurveWeights(programme: dataset.applying(latest)))[0])
    }
}
