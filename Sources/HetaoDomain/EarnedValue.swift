/// Earned value of an allocation that pays for construction of known scope, by the PMI
/// formulas: PV = BAC × planned share, EV = BAC × share done, AC = spent; SV = EV − PV,
/// CV = EV − AC, SPI = EV ÷ PV, CPI = EV ÷ AC; EAC = BAC ÷ CPI, or AC + (BAC − EV) when
/// the work left is expected to cost as budgeted; ETC = EAC − AC and VAC = BAC − EAC, from the
/// CPI form. Money in dollars, unrounded; an index that would divide by zero is nil.
public struct EarnedValue: Hashable, Sendable {
    /// BAC: the allocation's amount.
    public var budgetAtCompletion: Double
    public var plannedValue: Double
    public var earnedValue: Double
    /// AC: what has been spent; nil when unknown.
    public var actualCost: Double?
    /// True when any input is illustrative: every figure derived from it is then illustrative.
    public var isIllustrative: Bool

    public init(budgetAtCompletion: Double, plannedShare: Double, doneShare: Double, actualCost: Double?,
                isIllustrative: Bool) {
        self.budgetAtCompletion = budgetAtCompletion
        plannedValue = budgetAtCompletion * plannedShare
        earnedValue = budgetAtCompletion * doneShare
        self.actualCost = actualCost
        self.isIllustrative = isIllustrative
    }

    public var scheduleVariance: Double { earnedValue - plannedValue }
    public var costVariance: Double? { actualCost.map { earnedValue - $0 } }
    public var schedulePerformance: Double? { plannedValue > 0 ? earnedValue / plannedValue : nil }
    public var costPerformance: Double? { actualCost.flatMap { $0 > 0 ? earnedValue / $0 : nil } }
    /// EAC = BAC ÷ CPI: the rest costs as the work so far has.
    public var estimateAtCompletion: Double? { costPerformance.flatMap { $0 > 0 ? budgetAtCompletion / $0 : nil } }
    /// EAC = AC + (BAC − EV): the rest costs as budgeted.
    public var estimateAtCompletionAtBudgetRate: Double? { actualCost.map { $0 + budgetAtCompletion - earnedValue } }
    public var estimateToComplete: Double? {
        guard let eac = estimateAtCompletion, let ac = actualCost else { return nil }
        return eac - ac
    }
    public var varianceAtCompletion: Double? { estimateAtCompletion.map { budgetAtCompletion - $0 } }
}

extension Programme {
    /// The buildings an allocation pays for: its `funds` list, batches expanded to their buildings.
    public func fundedBuildings(of allocation: Allocation) -> [Building] {
        var seen = Set<String>()
        return allocation.funds.flatMap { id in
            buildings.contains { $0.id == id } ? buildings.filter { $0.id == id } : buildings(in: id)
        }.filter { seen.insert($0.id).inserted }
    }

    /// Earned value of `allocation` at the end of `day`: the funded buildings' planned and done
    /// shares weighted by floor area. Nil when it funds no building, or a funded building has
    /// no plan (no baseline completion).
    public func earnedValue(of allocation: Allocation, on day: Day) -> EarnedValue? {
        let funded = fundedBuildings(of: allocation)
        guard !funded.isEmpty else { return nil }
        var area = 0.0, planned = 0.0, done = 0.0
        var illustrative = isIllustrative(allocation.sourceID) || allocation.spent.map { isIllustrative($0.sourceID) } == true
        for building in funded {
            guard let window = plannedWindow(of: building) else { return nil }
            let weight = building.floorArea.value
            area += weight
            planned += weight * window.fraction(on: day)
            done += weight * building.percentComplete.value / 100
            illustrative = illustrative || window.isIllustrative || isIllustrative(building.floorArea.sourceID)
                || isIllustrative(building.percentComplete.sourceID)
        }
        guard area > 0 else { return nil }
        return EarnedValue(budgetAtCompletion: Double(allocation.amount.dollars), plannedShare: planned / area,
                           doneShare: done / area, actualCost: allocation.spent.map { Double($0.value.dollars) },
                           isIllustrative: illustrative)
    }
}
