/// Floor-area-weighted completion of a batch or a phase.
///
/// The rule: completion = completed floor area ÷ floor area in scope, where a building's
/// completed floor area is its gross floor area × its percent complete, and the scope is the
/// larger of the declared floor area and the sum of the parts. So a batch of which only some
/// buildings are listed, or a phase whose later batches are not yet designed, is not reported
/// as further along than the listed parts justify: unlisted area counts as 0 % complete.
public struct Completion: Hashable, Sendable {
    /// m² of floor area counted as built.
    public var completedArea: Double
    /// m² of floor area in scope.
    public var scopeArea: Double
    /// True when any figure behind it is illustrative.
    public var isIllustrative: Bool

    public init(completedArea: Double, scopeArea: Double, isIllustrative: Bool) {
        self.completedArea = completedArea
        self.scopeArea = scopeArea
        self.isIllustrative = isIllustrative
    }

    /// 0–1; zero when nothing is in scope.
    public var ratio: Double { scopeArea > 0 ? min(1, completedArea / scopeArea) : 0 }

    /// 0–100.
    public var percent: Double { ratio * 100 }
}

extension Programme {
    /// Completion of one batch by the rule on `Completion`.
    public func completion(ofBatch batchID: String) -> Completion {
        let parts = buildings(in: batchID)
        let partsArea = parts.reduce(0) { $0 + $1.floorArea.value }
        let done = parts.reduce(0) { $0 + $1.floorArea.value * $1.percentComplete.value / 100 }
        let declared = batch(batchID)?.floorArea
        let illustrative = parts.contains {
            isIllustrative($0.floorArea.sourceID) || isIllustrative($0.percentComplete.sourceID)
        } || declared.map { isIllustrative($0.sourceID) } == true
        return Completion(completedArea: done, scopeArea: max(declared?.value ?? 0, partsArea),
                          isIllustrative: illustrative)
    }

    /// Completion of one phase by the same rule, its parts being its batches.
    public func completion(ofPhase phaseID: String) -> Completion {
        let parts = batches(in: phaseID).map { completion(ofBatch: $0.id) }
        let partsArea = parts.reduce(0) { $0 + $1.scopeArea }
        let declared = phase(phaseID)?.floorArea
        let illustrative = parts.contains(where: \.isIllustrative)
            || declared.map { isIllustrative($0.sourceID) } == true
        return Completion(completedArea: parts.reduce(0) { $0 + $1.completedArea },
                          scopeArea: max(declared?.value ?? 0, partsArea), isIllustrative: illustrative)
    }
}
