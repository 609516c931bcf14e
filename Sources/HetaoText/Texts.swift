import HetaoDomain

/// What the dashboard and the text reports say, in one language: the phrases of its table and
/// figures written the way its readers write them (money as `HK$18.1 bn` or `港幣181.35億`,
/// dates as `2025-12-22` or `2025年12月22日`, at the precision they were published).
public struct Texts: Hashable, Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public static let english = Texts(.english)

    /// The language's table; `Phrase.table(for:)` is complete for every language (a test says so).
    private var table: [Phrase: String] { Phrase.table(for: language) }

    public subscript(_ phrase: Phrase) -> String { table[phrase] ?? Phrase.english[phrase] ?? phrase.rawValue }

    /// The phrase with `{1}`, `{2}` … replaced by the arguments in order.
    public func callAsFunction(_ phrase: Phrase, _ arguments: CustomStringConvertible...) -> String {
        format(phrase, arguments)
    }

    public func format(_ phrase: Phrase, _ arguments: [CustomStringConvertible]) -> String {
        // One pass over the template, since tables of thousands of rows format through here.
        let template = self[phrase]
        guard !arguments.isEmpty, template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var text = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), n >= 1, n <= arguments.count {
                text += arguments[n - 1].description
                rest = after[after.index(after: close)...]
            } else {
                text += "{"
                rest = after
            }
        }
        return text + rest
    }

    /// A name from the dataset: its Chinese form in Chinese when the dataset has one.
    public func name(_ english: String, chinese: String?) -> String {
        language == .traditionalChinese ? (chinese ?? english) : english
    }

    /// The other language's name of a thing, for the secondary name column.
    public func otherName(_ english: String, chinese: String) -> String {
        language == .traditionalChinese ? english : chinese
    }

    // MARK: - Figures

    /// Money exactly, as published: `HK$18,135 million`, `港幣181.35億`.
    public func money(_ amount: HKD) -> String {
        language == .traditionalChinese ? chinese(amount, currency: "港幣", places: 8) : amount.formatted
    }

    /// Money in a column too narrow for `money`, whose heading names the currency:
    /// `HK$18.135 bn`, `181.35億` (see `HKD.compact`); the detail shows the exact figure.
    public func amount(_ amount: HKD) -> String {
        language == .traditionalChinese ? chinese(amount, currency: "", places: 2) : amount.compact
    }

    /// A computed amount (earned value), to the nearest million: `HK$15,857 million`, `港幣158.57億`.
    public func estimate(_ amount: HKD) -> String {
        language == .traditionalChinese ? chinese(amount, currency: "港幣", places: 2) : amount.estimate
    }

    /// An amount in 億 (hundred millions) or 萬 (ten thousands), `places` decimals at most.
    private func chinese(_ amount: HKD, currency: String, places: Int) -> String {
        let sign = amount.dollars < 0 ? "-" : ""
        let magnitude = amount.dollars.magnitude
        if magnitude >= 100_000_000 { return sign + currency + HKD.scaled(magnitude, power: 8, places: places).text + "億" }
        if magnitude >= 10_000 { return sign + currency + HKD.scaled(magnitude, power: 4, places: min(places, 4)).text + "萬" }
        return sign + currency + HKD.scaled(magnitude, power: 0, places: 0).text
    }

    /// A quantity as the language counts: `1,000,000`, or `100萬` in Chinese, which groups by
    /// ten thousands.
    public func number(_ value: Double) -> String {
        guard language == .traditionalChinese, value >= 10_000 else { return Format.grouped(value) }
        return Format.grouped(value / 10_000) + "萬"
    }

    /// An area in square metres: `1,000,000 m²`, `100萬平方米`.
    public func area(_ squareMetres: Double) -> String {
        language == .traditionalChinese ? number(squareMetres) + "平方米" : Format.grouped(squareMetres) + " m²"
    }

    public func date(_ value: DatedValue) -> String { date(value.day, precision: value.precision) }

    public func day(_ day: Day) -> String { date(day, precision: .day) }

    public func date(_ day: Day, precision: DatePrecision) -> String {
        guard language == .traditionalChinese else { return precision.format(day) }
        let quarters = ["第一季", "第二季", "第三季", "第四季"]
        switch precision {
        case .day: return "\(day.year)年\(day.month)月\(day.day)日"
        case .onOrBefore: return "\(day.year)年\(day.month)月\(day.day)日或之前"
        case .month: return "\(day.year)年\(day.month)月"
        case .quarter: return "\(day.year)年\(quarters[(day.month - 1) / 3])"
        case .half: return "\(day.year)年\(day.month <= 6 ? "上半年" : "下半年")"
        case .year: return "\(day.year)年"
        }
    }

    /// A signed number of days: `+274 d`, `+274 日`.
    public func days(_ value: Int) -> String { self(.days, value > 0 ? "+\(value)" : "\(value)") }

    /// Percentage points behind a plan, signed as a slip is: `+43 pts` behind, `-5 pts` ahead.
    public func points(_ value: Double) -> String {
        let whole = Int(value.rounded())
        return self(.points, whole > 0 ? "+\(whole)" : "\(whole)")
    }

    /// What a status record reports, in words, for a history list.
    public func summary(_ r: StatusRecord) -> String {
        switch r.kind {
        case .progress:
            return [r.percent.map { Format.percent($0) }, r.status.map(status)].compactMap { $0 }.joined(separator: " ")
        case .milestone:
            let dates = [r.forecast.map { "\(self[.forecast]) \(day($0))" }, r.actual.map { "\(self[.actual]) \(day($0))" }]
                .compactMap { $0 }.joined(separator: ", ")
            guard let event = r.event else { return dates }
            return self(.eventValue, self.event(event), dates)
        case .leasing:
            return [r.shareLet.map { self(.shareLetValue, Format.percent($0)) }, r.tenants.map { self(.tenantsValue, $0) }]
                .compactMap { $0 }.joined(separator: ", ")
        case .spend:
            return [r.committed.map { "\(self[.committed]) \(money($0))" }, r.spent.map { "\(self[.spent]) \(money($0))" }]
                .compactMap { $0 }.joined(separator: ", ")
        }
    }

    // MARK: - Words

    public func status(_ status: BuildingStatus) -> String {
        switch status {
        case .planned: return self[.statusPlanned]
        case .underConstruction: return self[.statusUnderConstruction]
        case .toppedOut: return self[.statusToppedOut]
        case .completed: return self[.statusCompleted]
        }
    }

    /// What a record is about: `Progress`, `Completion`, `Leased`, `Spent`.
    /// A computed figure's name: `SPI`, `slip`, `status`.
    public func figureName(_ figure: DerivedChange.Figure) -> String {
        switch figure {
        case .spi: return "SPI"
        case .cpi: return "CPI"
        case .slip: return self[.slip]
        case .status: return self[.status]
        case .milestone: return self[.columnMilestone]
        }
    }

    /// A computed figure's value as `DerivedChange` keeps it, as this language writes it.
    public func figureValue(_ figure: DerivedChange.Figure, _ value: String) -> String {
        guard !value.isEmpty else { return "—" }
        switch figure {
        case .spi, .cpi: return value
        case .slip: return Int(value).map(days) ?? value
        case .status: return BuildingStatus(rawValue: value).map(status) ?? value
        case .milestone: return MilestoneState(rawValue: value).map(milestoneState) ?? value
        }
    }

    public func milestoneState(_ state: MilestoneState) -> String {
        switch state {
        case .achieved: return self[.achieved]
        case .expected: return self[.expected]
        case .overdue: return self[.overdue]
        }
    }

    /// Which figure a programme's "as of" date is: the dataset's own, or the record with the
    /// newest as-of date.
    public func asOfFigure(_ programme: Programme) -> String {
        guard let record = programme.newestRecord, record.asOf > programme.asOf else { return self[.asOfDataset] }
        let what = kindName(record.kind, event: record.event)
        return self(.asOfRecord, language == .english ? what.lowercased() : what, record.subject, String(record.recordID))
    }

    public func kindName(_ kind: RecordKind, event: BuildingEvent?) -> String {
        switch kind {
        case .progress: return self[.progress]
        case .milestone: return event.map(self.event) ?? self[.milestones]
        case .leasing: return self[.leased]
        case .spend: return self[.spent]
        }
    }

    public func event(_ event: BuildingEvent) -> String {
        switch event {
        case .start: return self[.start]
        case .toppingOut: return self[.toppingOut]
        case .completion: return self[.completion]
        }
    }

    public func use(_ use: BuildingUse) -> String {
        switch use {
        case .wetLab: return self[.useWetLab]
        case .dryLab: return self[.useDryLab]
        case .talentHousing: return self[.useTalentHousing]
        case .dataCentre: return self[.useDataCentre]
        case .mixed: return self[.useMixed]
        }
    }

    public func allocationStatus(_ status: AllocationStatus) -> String {
        status == .approved ? self[.allocationApproved] : self[.allocationEarmarked]
    }

    public func confidence(_ confidence: Confidence) -> String {
        switch confidence {
        case .high: return self[.confidenceHigh]
        case .medium: return self[.confidenceMedium]
        case .low: return self[.confidenceLow]
        case .illustrative: return self[.confidenceIllustrative]
        }
    }

    public func kind(_ kind: InstitutionKind) -> String {
        switch kind {
        case .institute: return self[.kindInstitute]
        case .programme: return self[.kindProgramme]
        case .pilotLine: return self[.kindPilotLine]
        }
    }
}

extension Phrase {
    /// The table of `language`.
    public static func table(for language: Language) -> [Phrase: String] {
        switch language {
        case .english: return english
        case .traditionalChinese: return traditionalChinese
        }
    }
}

extension Texts {
    /// An issue the record rules found, as this language writes it: `error: a source is required`.
    public func issue(_ issue: RecordIssue) -> String {
        self(.issueLine, self[issue.severity == .error ? .issueError : .issueWarning], problem(issue.problem))
    }

    /// What is wrong with a record, in words, with its values written as this language writes them.
    public func problem(_ problem: RecordProblem) -> String {
        switch problem {
        case let .unknownSubject(what, id, suggestion):
            let word: Phrase = what == .building ? .issueBuilding : what == .allocation ? .issueAllocation : .issueMilestone
            return self(.issueUnknown, self[word], VisibleText.quoted(id)) + (suggestion.map { self(.issueDidYouMean, $0) } ?? "")
        case let .controlCharacter(column, character, position):
            return self(.issueControlCharacter, column, character, String(position))
        case let .implausibleDate(name, day):
            return self(.issueImplausibleDate, dateName(name), day.iso, String(RecordValidator.plausibleDates.lowerBound.year),
                        String(RecordValidator.plausibleDates.upperBound.year))
        case let .dateInFuture(name, day, today):
            return self(.issueDateInFuture, dateName(name), day.iso, today.iso)
        case .missingShare(let name):
            return self(.issueMissing, self[name == .percentComplete ? .issuePercentComplete : .issueShareLet])
        case let .shareOutOfRange(name, value):
            return self(.issueOutOfRange, self[name == .percentComplete ? .issuePercentComplete : .issueShareLet], Format.plain(value))
        case .sourceRequired:
            return self[.issueSourceRequired]
        case let .belowLatest(value, latest, asOf, record):
            return self(.issueBelowLatest, Format.percent(value), Format.percent(latest), asOf.iso, String(record))
        case .negativeTenants(let tenants):
            return self(.issueNegativeTenants, String(tenants))
        case .milestoneNeedsEvent(let building):
            return self(.issueNeedsEvent, building, BuildingEvent.allCases.map(\.rawValue).joined(separator: ", "))
        case .forecastOrActualRequired:
            return self[.issueForecastOrActual]
        case .committedOrSpentRequired:
            return self[.issueCommittedOrSpent]
        case let .negativeMoney(name, value):
            return self(.issueNegativeMoney, moneyName(name), money(value))
        case let .implausibleMoney(name, value, largest):
            return self(.issueImplausibleMoney, moneyName(name), money(value), money(largest))
        case let .overrunNeedsNote(spent, amount, allocation):
            return self(.issueOverrunNeedsNote, money(spent), money(amount), allocation)
        case let .overrun(spent, amount, allocation):
            return self(.issueOverrun, money(spent), money(amount), allocation)
        case let .committedAboveAllocation(committed, amount, allocation):
            return self(.issueCommittedAbove, money(committed), money(amount), allocation)
        case let .spentAboveCommitted(spent, committed):
            return self(.issueSpentAbove, money(spent), money(committed))
        case .noRecordToCorrect(let id):
            return self(.issueNoRecord, String(id))
        case let .correctsAnotherThing(name, kind, subject, ownKind, ownSubject):
            return self(.issueAnotherThing, name, kind.rawValue, VisibleText.quoted(subject), ownKind.rawValue, VisibleText.quoted(ownSubject))
        case let .alreadyCorrected(name, by):
            return self(.issueAlreadyCorrected, name, by)
        }
    }

    private func dateName(_ name: RecordProblem.DateName) -> String {
        self[name == .asOf ? .issueAsOfDate : name == .forecast ? .issueForecastDate : .issueActualDate]
    }

    private func moneyName(_ name: RecordProblem.Money) -> String { self[name == .committed ? .issueCommitted : .issueSpent] }
}
