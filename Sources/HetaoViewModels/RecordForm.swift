import HetaoDomain
import HetaoText

/// The form that records status from the dashboard: one record about one building or
/// allocation, its fields in the order people fill them (the figure first, then as-of, source
/// and note). Text fields are edited in place; a choice field (a building's status, a
/// milestone's event) steps through its options with ← and →.
public struct RecordForm: Hashable, Sendable {
    public let kind: RecordKind
    /// The building or allocation id the record is about (what `hetao record` takes).
    public let subject: String
    public private(set) var fields: [RecordField]
    public private(set) var texts: [RecordField: EditableText] = [:]
    /// The option chosen in each choice field, an index into `options(for:)`.
    public private(set) var choices: [RecordField: Int] = [:]
    public var focus = 0
    /// Fields that could not be read as typed, found before the record is offered.
    public var unreadable: [RecordField: Phrase] = [:]
    /// What the validator said of the last record offered.
    public var issues: [RecordIssue] = []
    /// The last offer met only warnings: Enter again records it anyway.
    public var awaitingConfirmation = false
    /// The store could not take the record; the reason.
    public var failure: String?
    /// For a correction: the records it may correct, newest first; the `supersedes` field
    /// chooses one, and the form holds its figures to be put right.
    public private(set) var corrections: [StatusRecord] = []

    /// A correction of one of `records` (standing records of one figure, newest first): the
    /// form opens on the newest, prefilled with what it says, and saving supersedes it.
    public init?(correcting records: [StatusRecord], programme: Programme, today: Day) {
        guard let newest = records.first else { return nil }
        self.init(kind: newest.kind, subject: newest.subject, programme: programme, today: today)
        corrections = records
        fields = [.supersedes] + fields
        choices[.supersedes] = 0
        prefill(from: newest)
    }

    /// The fields as `record` says them.
    private mutating func prefill(from r: StatusRecord) {
        func put(_ field: RecordField, _ text: String?) { texts[field] = EditableText(text ?? "", selected: true) }
        put(.asOf, r.asOf.iso)
        put(.source, r.source)
        put(.note, r.note)
        switch r.kind {
        case .progress:
            put(.percent, r.percent.map(Format.plain))
            choices[.status] = Self.options(for: .status).firstIndex { $0 == r.status?.rawValue } ?? 0
        case .milestone:
            choices[.event] = Self.options(for: .event).firstIndex { $0 == r.event?.rawValue } ?? 0
            put(.forecast, r.forecast?.iso)
            put(.actual, r.actual?.iso)
        case .leasing:
            put(.shareLet, r.shareLet.map(Format.plain))
            put(.tenants, r.tenants.map(String.init))
        case .spend:
            put(.committed, r.committed.map { String($0.dollars) })
            put(.spent, r.spent.map { String($0.dollars) })
        }
    }

    /// The record a correction supersedes, as chosen.
    public var corrected: StatusRecord? {
        corrections.isEmpty ? nil : corrections[min(choices[.supersedes] ?? 0, corrections.count - 1)]
    }

    /// A form for `kind` about `subject`, prefilled with the latest recorded figures and today.
    public init(kind: RecordKind, subject: String, programme: Programme, today: Day) {
        self.kind = kind
        self.subject = subject
        fields = Self.fields(for: kind)
        for field in fields where !Self.isChoice(field) { texts[field] = EditableText() }
        func prefill(_ field: RecordField, _ text: String) { texts[field] = EditableText(text, selected: true) }
        prefill(.asOf, today.iso)
        if let building = programme.building(subject) {
            if kind == .progress { prefill(.percent, Format.plain(building.percentComplete.value)) }
            if kind == .leasing, let share = building.shareLeased { prefill(.shareLet, Format.plain(share.value)) }
        }
        if kind == .spend, let allocation = programme.allocation(subject) {
            if let committed = allocation.committed { prefill(.committed, String(committed.value.dollars)) }
            if let spent = allocation.spent { prefill(.spent, String(spent.value.dollars)) }
        }
        for field in fields where Self.isChoice(field) { choices[field] = 0 }
    }

    public static func fields(for kind: RecordKind) -> [RecordField] {
        switch kind {
        case .progress: return [.percent, .asOf, .source, .note, .status]
        case .milestone: return [.event, .forecast, .actual, .asOf, .source, .note]
        case .leasing: return [.shareLet, .tenants, .asOf, .source, .note]
        case .spend: return [.committed, .spent, .asOf, .source, .note]
        }
    }

    public static func isChoice(_ field: RecordField) -> Bool { [.status, .event, .supersedes].contains(field) }

    /// A choice field's options: a status (the first, nil, leaves it to the percentage), or an event.
    public static func options(for field: RecordField) -> [String?] {
        switch field {
        case .status: return [nil] + BuildingStatus.allCases.map(\.rawValue)
        case .event: return BuildingEvent.allCases.map(\.rawValue)
        default: return []
        }
    }

    public var focusedField: RecordField { fields[focus] }

    public func text(_ field: RecordField) -> EditableText { texts[field] ?? EditableText() }

    /// The chosen option of a choice field.
    public func choice(_ field: RecordField) -> String? {
        let options = Self.options(for: field)
        return options.indices.contains(choices[field] ?? 0) ? options[choices[field] ?? 0] : nil
    }

    /// Edits the focused field: text for a text field, ← → for a choice. Any edit withdraws a
    /// pending confirmation: what is confirmed must be what was warned about.
    public mutating func edit(_ edit: TextEdit) {
        let field = focusedField
        if Self.isChoice(field) {
            let count = field == .supersedes ? corrections.count : Self.options(for: field).count
            let current = choices[field] ?? 0
            switch edit {
            case .left: choices[field] = (current + count - 1) % count
            case .right, .insert(" "): choices[field] = (current + 1) % count
            default: return
            }
            // Another record to correct: the form holds what that one says.
            if field == .supersedes, let corrected { prefill(from: corrected) }
        } else {
            texts[field, default: EditableText()].apply(edit)
        }
        awaitingConfirmation = false
        // What was said of this field was said of what it held before.
        unreadable[field] = nil
        issues = issues.filter { shownUnder($0) != field }
    }

    /// The field an issue is shown under: its own, or the first when the form has no such field.
    private func shownUnder(_ issue: RecordIssue) -> RecordField {
        fields.contains(issue.field) ? issue.field : fields[0]
    }

    /// Reads the fields and, when any cannot be read, also checks the rest by `validator`'s
    /// rules, so every error shows at once; the record when all can be read (the store then
    /// checks it in full). Focus moves to the first field in error.
    public mutating func check(with validator: RecordValidator) -> StatusRecord? {
        let partial = readFields()
        let read = unreadable.isEmpty ? partial : nil
        if read == nil {
            issues = validator.check(partial).filter { $0.severity == .error && unreadable[shownUnder($0)] == nil }
        }
        focusFirstError()
        return read
    }

    /// Moves focus to the first field, in the form's order, with something said of it.
    public mutating func focusFirstError() {
        let flagged = Set(unreadable.keys).union(issues.filter { $0.severity == .error }.map(shownUnder))
        if let first = fields.firstIndex(where: flagged.contains) { focus = first }
    }

    public mutating func moveFocus(by delta: Int) {
        focus = (focus + delta + fields.count) % fields.count
    }

    /// The record the fields describe, or nil with `unreadable` saying which fields could not
    /// be read. Empty optional fields are left out; the validator judges what is required.
    public mutating func record() -> StatusRecord? {
        let record = readFields()
        return unreadable.isEmpty ? record : nil
    }

    /// What the fields hold, those that cannot be read left empty and named in `unreadable`.
    private mutating func readFields() -> StatusRecord {
        unreadable = [:]
        func value(_ field: RecordField) -> String? {
            let text = text(field).text.trimmedWhitespace
            return text.isEmpty ? nil : text
        }
        func percent(_ field: RecordField) -> Double? {
            guard let text = value(field) else { return nil }
            guard let number = DecimalText.number(text) else { unreadable[field] = .formNotANumber; return nil }
            return number
        }
        func day(_ field: RecordField) -> Day? {
            guard let text = value(field) else { return nil }
            guard let day = Day(iso: text) else {
                unreadable[field] = Day.isShapedAsDate(text) ? .formNoSuchDay : .formNotADate
                return nil
            }
            return day
        }
        func money(_ field: RecordField) -> HKD? {
            guard let text = value(field) else { return nil }
            do { return try HKD.parse(text) } catch {
                switch error {
                case .notAnAmount: unreadable[field] = .formNotAnAmount
                case .notWholeDollars: unreadable[field] = .formNotWholeDollars
                case .tooLarge: unreadable[field] = .formTooLarge
                }
                return nil
            }
        }
        func count(_ field: RecordField) -> Int? {
            guard let text = value(field) else { return nil }
            guard let number = Int(text), number >= 0 else { unreadable[field] = .formNotACount; return nil }
            return number
        }
        if value(.asOf) == nil { unreadable[.asOf] = .formNotADate }
        var record = StatusRecord(kind: kind, subject: subject, asOf: day(.asOf) ?? Day(ordinal: 0),
                                  note: text(.note).text.trimmedWhitespace, source: text(.source).text.trimmedWhitespace,
                                  supersedes: corrected?.id)
        switch kind {
        case .progress:
            record.percent = percent(.percent)
            if value(.percent) == nil { unreadable[.percent] = .formRequired }
            record.status = choice(.status).flatMap(BuildingStatus.init(rawValue:))
        case .milestone:
            record.event = choice(.event).flatMap(BuildingEvent.init(rawValue:))
            record.forecast = day(.forecast)
            record.actual = day(.actual)
        case .leasing:
            record.shareLet = percent(.shareLet)
            if value(.shareLet) == nil { unreadable[.shareLet] = .formRequired }
            record.tenants = count(.tenants)
        case .spend:
            record.committed = money(.committed)
            record.spent = money(.spent)
        }
        return record
    }

    /// Takes the store's answer to the last offer: errors stay next to their fields; warnings
    /// alone wait for a second Enter.
    public mutating func take(_ outcome: RecordOutcome) {
        failure = nil
        switch outcome {
        case .saved:
            issues = []
            awaitingConfirmation = false
        case .refused(let found):
            issues = found
            awaitingConfirmation = !found.isEmpty && found.allSatisfy { $0.severity == .warning }
            focusFirstError()
        case .failed(let reason):
            failure = reason
            awaitingConfirmation = false
        }
    }

    /// What the validator said about `field`.
    public func issues(for field: RecordField) -> [RecordIssue] {
        issues.filter { $0.field == field || (!fields.contains($0.field) && field == fields[0]) }
    }
}
