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

/// The completion of every batch and phase, by the rule on `Completion`.
public struct CompletionTable: Sendable {
    public var batches: [String: Completion]
    public var phases: [String: Completion]

    public func batch(_ id: String) -> Completion { batches[id] ?? Completion(completedArea: 0, scopeArea: 0, isIllustrative: false) }
    public func phase(_ id: String) -> Completion { phases[id] ?? Completion(completedArea: 0, scopeArea: 0, isIllustrative: false) }

    /// The whole programme: its phases' completed area over their scopes.
    public var programme: Completion {
        Completion(completedArea: phases.values.reduce(0) { $0 + $1.completedArea },
                   scopeArea: phases.values.reduce(0) { $0 + $1.scopeArea },
                   isIllustrative: phases.values.contains(where: \.isIllustrative))
    }

    /// A phase's, a batch's or the programme's.
    public func group(_ group: ProgressGroup) -> Completion {
        switch group {
        case .programme: return programme
        case .phase(let id): return phase(id)
        case .batch(let id): return batch(id)
        }
    }
}

extension Programme {
    /// Every batch's and phase's completion from one pass over the buildings, so a view of the
    /// whole programme costs the same however many batches it has.
    public func completions() -> CompletionTable {
        let position = Dictionary(batches.indices.map { (batches[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var parts = [Completion](repeating: Completion(completedArea: 0, scopeArea: 0, isIllustrative: false), count: batches.count)
        var illustrativeSources: [String: Bool] = [:]
        func illustrative(_ id: String) -> Bool {
            if let known = illustrativeSources[id] { return known }
            let answer = isIllustrative(id)
            illustrativeSources[id] = answer
            return answer
        }
        for i in buildings.indices {
            guard let b = position[buildings[i].batchID] else { continue }
            let floorArea = buildings[i].floorArea, percent = buildings[i].percentComplete
            parts[b].scopeArea += floorArea.value
            parts[b].completedArea += floorArea.value * percent.value / 100
            if !parts[b].isIllustrative, illustrative(floorArea.sourceID) || illustrative(percent.sourceID) {
                parts[b].isIllustrative = true
            }
        }
        var table = CompletionTable(batches: [:], phases: [:])
        for (batch, listed) in zip(batches, parts) {
            table.batches[batch.id] = Completion(
                completedArea: listed.completedArea, scopeArea: max(batch.floorArea?.value ?? 0, listed.scopeArea),
                isIllustrative: listed.isIllustrative || batch.floorArea.map { isIllustrative($0.sourceID) } == true)
        }
        for phase in phases {
            let inPhase = batches.filter { $0.phaseID == phase.id }.map { table.batch($0.id) }
            table.phases[phase.id] = Completion(
                completedArea: inPhase.reduce(0) { $0 + $1.completedArea },
                scopeArea: max(phase.floorArea?.value ?? 0, inPhase.reduce(0) { $0 + $1.scopeArea }),
                isIllustrative: inPhase.contains(where: \.isIllustrative) || phase.floorArea.map { isIllustrative($0.sourceID) } == true)
        }
        return table
    }

    /// Completion of one batch by the rule on `Completion`.
    public func completion(ofBatch batchID: String) -> Completion { completions().batch(batchID) }

    /// Completion of one phase by the same rule, its parts being its batches.
    public func completion(ofPhase phaseID: String) -> Completion { completions().phase(phaseID) }
}
