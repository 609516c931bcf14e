import Foundation
import HetaoDomain
import YAMLDiagnostics
import Yams

/// Turns a composed YAML document into a `Programme`, reporting every problem with its position.
/// Cross-entity rules (references, duplicates, roll-ups) run after decoding, in `ProgrammeChecks`.
final class ProgrammeDecoder {
    let diagnostics: Diagnostics
    /// Every id defined, by kind, with where it was defined (for duplicate checks).
    var definitions: [(kind: String, id: String, mark: Yams.Mark?)] = []
    /// Every reference made, by kind, with where it was made (resolved after decoding).
    var references: [(kind: String, id: String, mark: Yams.Mark?)] = []
    /// Where each allocation's amount was written, for roll-up messages.
    var allocationMarks: [String: Yams.Mark] = [:]
    /// Where each building and milestone was written, for date messages.
    var buildingMarks: [String: Yams.Mark] = [:]
    var milestoneMarks: [String: Yams.Mark] = [:]

    init(diagnostics: Diagnostics) { self.diagnostics = diagnostics }

    func decode(_ root: Node) -> Programme? {
        guard let top = FieldReader(root, entity: "the dataset", allowed: [
            "title", "title_zh", "as_of", "parks", "figures", "phases", "batches", "buildings", "milestones",
            "allocations", "institutions", "sources",
        ], diagnostics: diagnostics) else { return nil }
        let title = top.string("title")
        let asOf = top.required("as_of").flatMap { dated($0, key: "as_of", entity: "the dataset", source: "") }
        let sources = top.sequence("sources", required: true).compactMap(source)
        let parks = top.sequence("parks", required: true).compactMap(park)
        let figures = top.sequence("figures").compactMap(figure)
        let phases = top.sequence("phases", required: true).compactMap(phase)
        let batches = top.sequence("batches", required: true).compactMap(batch)
        let buildings = top.sequence("buildings", required: true).compactMap(building)
        let milestones = top.sequence("milestones").compactMap(milestone)
        let allocations = top.sequence("allocations").compactMap { allocation($0) }
        let institutions = top.sequence("institutions").compactMap(institution)
        guard let title, let asOf else { return nil }
        var programme = Programme(title: title, asOf: asOf.day, parks: parks, figures: figures, phases: phases,
                                  batches: batches, buildings: buildings, milestones: milestones,
                                  allocations: allocations, institutions: institutions, sources: sources)
        programme.titleZH = top.string("title_zh", required: false)
        return programme
    }

    // MARK: - Values

    /// Opens an entity's mapping, naming it by its id in every message, and records the id.
    private func open(_ node: Node, kind: String, allowed: [String]) -> (FieldReader, String)? {
        let name = node["id"]?.string.map { "\(kind) '\($0)'" } ?? "\(kind) without an id"
        guard let fields = FieldReader(node, entity: name, allowed: allowed, diagnostics: diagnostics),
              let id = fields.string("id") else { return nil }
        definitions.append((kind, id, fields.node("id")?.mark))
        return (fields, id)
    }

    private func refer(_ kind: String, _ id: String?, at mark: Yams.Mark?) {
        if let id { references.append((kind, id, mark)) }
    }

    /// A date at its published precision; reports what forms are accepted when it is not one.
    func dated(_ node: Node, key: String, entity: String, source: String) -> DatedValue? {
        guard let text = node.string, let (day, precision) = DatePrecision.parse(text) else {
            diagnostics.report(at: node.mark, "'\(key)' in \(entity) is '\(node.string ?? "a collection")', not a date "
                               + "(expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY or, for a bound, by YYYY-MM-DD)")
            return nil
        }
        return DatedValue(day: day, precision: precision, sourceID: source)
    }

    private func sourcedDate(_ fields: FieldReader, _ key: String, source: String?) -> DatedValue? {
        guard let (node, sourceID, mark) = fields.sourced(key, defaultSource: source) else { return nil }
        refer("source", sourceID, at: mark)
        return dated(node, key: key, entity: fields.entity, source: sourceID ?? "")
    }

    private func sourcedNumber(_ fields: FieldReader, _ key: String, source: String?, required: Bool = false,
                               percent: Bool = false) -> Sourced<Double>? {
        guard let (node, sourceID, mark) = fields.sourced(key, defaultSource: source, required: required),
              let value = fields.number(key, node: node) else { return nil }
        refer("source", sourceID, at: mark)
        if percent && !(0...100).contains(value) {
            diagnostics.report(at: node.mark, "'\(key)' in \(fields.entity) is \(format(value)); a percentage must be 0-100")
        } else if value < 0 {
            diagnostics.report(at: node.mark, "'\(key)' in \(fields.entity) is \(format(value)); it cannot be negative")
        }
        return Sourced(value, source: sourceID ?? "")
    }

    private func money(_ fields: FieldReader, _ key: String, source: String?, required: Bool = false) -> Sourced<HKD>? {
        guard let figure = sourcedNumber(fields, key, source: source, required: required),
              withinMoney(figure.value, fields, key) else { return nil }
        return Sourced(HKD(millions: figure.value), source: figure.sourceID)
    }

    /// HK$ millions past a billion of them (a thousand trillion dollars) is a typing slip, and
    /// past what an amount in whole dollars can hold.
    static let largestMillions = 1_000_000_000.0

    private func withinMoney(_ value: Double, _ fields: FieldReader, _ key: String) -> Bool {
        guard value > Self.largestMillions else { return true }
        diagnostics.report(at: fields.node(key)?.mark ?? fields.mark,
                           "'\(key)' in \(fields.entity) is \(format(value)); an amount may be at most \(format(Self.largestMillions)) (HK$ millions)")
        return false
    }

    private func datePlan(_ fields: FieldReader, _ key: String, source: String?) -> DatePlan {
        guard let node = fields.node(key),
              let plan = FieldReader(node, entity: "'\(key)' of \(fields.entity)",
                                     allowed: ["baseline", "forecast", "actual"], diagnostics: diagnostics)
        else { return DatePlan() }
        return DatePlan(baseline: sourcedDate(plan, "baseline", source: source),
                        forecast: sourcedDate(plan, "forecast", source: source),
                        actual: sourcedDate(plan, "actual", source: source))
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }

    /// The fields of an entity that can have Chinese text beside them (`name` → `name_zh`).
    private static func withChinese(_ fields: [String], translated: [String]) -> [String] {
        fields + translated.map { $0 + "_zh" }
    }

    /// The ids of `also`: other sources consulted, each one that must exist.
    private func otherSources(_ f: FieldReader) -> [String] {
        f.sequence("also").compactMap { node in
            guard let id = node.string else {
                diagnostics.report(at: node.mark, "'also' lists source ids")
                return nil
            }
            refer("source", id, at: node.mark)
            return id
        }
    }

    /// A text that a later source states (`<field>_source`), with what stood before it
    /// (`earlier_<field>`): both or neither.
    private func statedText(_ f: FieldReader, _ field: String, in entity: String) -> (sourceID: String, earlier: String)? {
        let source = f.string(field + "_source", required: false)
        refer("source", source, at: f.node(field + "_source")?.mark)
        let earlier = f.string("earlier_" + field, required: false)
        switch (source, earlier) {
        case let (source?, earlier?): return (source, earlier)
        case (_?, nil):
            diagnostics.report(at: f.node(field + "_source")?.mark,
                               "'\(field)_source' in \(entity) needs 'earlier_\(field)': what the public record said before that source")
        case (nil, _?):
            diagnostics.report(at: f.node("earlier_" + field)?.mark,
                               "'earlier_\(field)' in \(entity) needs '\(field)_source': the source that changed it")
        case (nil, nil): break
        }
        return nil
    }

    /// The Chinese text of `translated` fields that the entity gives.
    private func chinese(_ f: FieldReader, _ translated: [String]) -> ChineseText {
        ChineseText(Dictionary(uniqueKeysWithValues: translated.compactMap { key in
            f.string(key + "_zh", required: false).map { (key, $0) }
        }))
    }

    // MARK: - Entities

    private func source(_ node: Node) -> Source? {
        guard let (f, id) = open(node, kind: "source", allowed: ["id", "title", "publisher", "date", "read", "reference", "url",
                                                                 "confidence"])
        else { return nil }
        // `read:` is for a page without a date of its own: when it was read, not published.
        let published = f.node("date").flatMap { dated($0, key: "date", entity: f.entity, source: id) }
        let read = f.node("read").flatMap { dated($0, key: "read", entity: f.entity, source: id) }
        if published != nil && read != nil {
            diagnostics.report(at: f.node("read")?.mark, "\(f.entity) has a date and a day it was read; give one: date: when "
                               + "it was published, read: when a page without a date was read")
        }
        guard let title = f.string("title"), let publisher = f.string("publisher"),
              let confidence = f.enumeration("confidence", Confidence.self) else { return nil }
        var source = Source(id: id, title: title, publisher: publisher, date: published ?? read,
                            url: f.string("url", required: false), confidence: confidence,
                            reference: f.string("reference", required: false))
        source.isReadDate = published == nil && read != nil
        return source
    }

    private func park(_ node: Node) -> InnovationPark? {
        let translated = ["location", "role"]
        guard let (f, id) = open(node, kind: "park", allowed: Self.withChinese(["id", "name", "name_zh", "name_zh_full", "location",
                                                                               "role", "source"], translated: translated))
        else { return nil }
        let source = f.string("source")
        refer("source", source, at: f.node("source")?.mark)
        guard let name = f.string("name"), let nameZH = f.string("name_zh"), let location = f.string("location"),
              let role = f.string("role"), let source else { return nil }
        var decoded = InnovationPark(id: id, name: name, nameZH: nameZH, location: location, role: role, sourceID: source,
                                  fullNameZH: f.string("name_zh_full", required: false))
        decoded.chinese = chinese(f, translated)
        return decoded
    }

    private func figure(_ node: Node) -> Figure? {
        let translated = ["label", "unit", "note"]
        guard let (f, id) = open(node, kind: "figure", allowed: Self.withChinese(["id", "label", "value", "unit", "note", "source"],
                                                                                 translated: translated)) else { return nil }
        let source = f.string("source")
        refer("source", source, at: f.node("source")?.mark)
        guard let label = f.string("label"), let value = f.number("value"), let unit = f.string("unit"),
              let source else { return nil }
        if value < 0 { diagnostics.report(at: f.node("value")?.mark, "'value' in figure '\(id)' cannot be negative") }
        var decoded = Figure(id: id, label: label, value: value, unit: unit, note: f.string("note", required: false), sourceID: source)
        decoded.chinese = chinese(f, translated)
        return decoded
    }

    private func phase(_ node: Node) -> Phase? {
        let translated = ["name", "summary", "earlier_summary"]
        guard let (f, id) = open(node, kind: "phase", allowed: Self.withChinese(["id", "name", "order", "summary", "summary_source",
                                                                                "earlier_summary", "floor_area", "target", "source"],
                                                                               translated: translated))
        else { return nil }
        let source = f.string("source")
        refer("source", source, at: f.node("source")?.mark)
        let floorArea = sourcedNumber(f, "floor_area", source: source)
        let target = sourcedDate(f, "target", source: source)
        let stated = statedText(f, "summary", in: "phase '\(id)'")
        guard let name = f.string("name"), let order = f.int("order"), let summary = f.string("summary"),
              let source else { return nil }
        var decoded = Phase(id: id, name: name, order: order, summary: summary, floorArea: floorArea, target: target,
                          sourceID: source)
        decoded.summarySourceID = stated?.sourceID
        decoded.earlierSummary = stated?.earlier
        decoded.chinese = chinese(f, translated)
        return decoded
    }

    private func batch(_ node: Node) -> Batch? {
        let translated = ["name", "delivery"]
        guard let (f, id) = open(node, kind: "batch", allowed: Self.withChinese(["id", "phase", "name", "delivery", "sites",
                                                                                "floor_area", "source"], translated: translated))
        else { return nil }
        let source = f.string("source")
        refer("source", source, at: f.node("source")?.mark)
        let phaseID = f.string("phase")
        refer("phase", phaseID, at: f.node("phase")?.mark)
        let floorArea = sourcedNumber(f, "floor_area", source: source)
        let sites = f.int("sites", required: false)
        guard let phaseID, let name = f.string("name"), let delivery = f.string("delivery"), let source else { return nil }
        var decoded = Batch(id: id, phaseID: phaseID, name: name, delivery: delivery, sites: sites, floorArea: floorArea,
                          sourceID: source)
        decoded.chinese = chinese(f, translated)
        return decoded
    }

    private func building(_ node: Node) -> Building? {
        guard let (f, id) = open(node, kind: "building", allowed: [
            "id", "label", "placeholder", "batch", "name_en", "name_zh", "use", "storeys", "floor_area",
            "start", "topping_out", "completion", "percent_complete", "share_leased", "note", "note_zh", "source", "also",
        ]) else { return nil }
        buildingMarks[id] = f.mark
        let source = f.string("source")
        refer("source", source, at: f.node("source")?.mark)
        let batchID = f.string("batch")
        refer("batch", batchID, at: f.node("batch")?.mark)
        let storeys = sourcedNumber(f, "storeys", source: source).map { Sourced(Int($0.value), source: $0.sourceID) }
        let floorArea = sourcedNumber(f, "floor_area", source: source, required: true)
        let percent = sourcedNumber(f, "percent_complete", source: source, required: true, percent: true)
        let leased = sourcedNumber(f, "share_leased", source: source, percent: true)
        let use = f.sourced("use", defaultSource: source, required: true).flatMap { node, sourceID, mark in
            refer("source", sourceID, at: mark)
            return f.enumeration("use", BuildingUse.self, node: node).map { Sourced($0, source: sourceID ?? "") }
        }
        let plans = (datePlan(f, "start", source: source), datePlan(f, "topping_out", source: source),
                     datePlan(f, "completion", source: source))
        guard let label = f.string("label"), let batchID, let nameEN = f.string("name_en"),
              let nameZH = f.string("name_zh"), let use,
              let floorArea, let percent, let source else { return nil }
        var decoded = Building(id: id, label: label, isPlaceholder: f.bool("placeholder"), batchID: batchID, nameEN: nameEN,
                                nameZH: nameZH, use: use, storeys: storeys, floorArea: floorArea, start: plans.0,
                                toppingOut: plans.1, completion: plans.2, percentComplete: percent, shareLeased: leased,
                                note: f.string("note", required: false), sourceID: source)
        decoded.otherSourceIDs = otherSources(f)
        decoded.chinese = chinese(f, ["note"])
        return decoded
    }

    private func milestone(_ node: Node) -> Milestone? {
        let translated = ["name", "note"]
        guard let (f, id) = open(node, kind: "milestone", allowed: Self.withChinese(["id", "name", "phase", "dates", "note",
                                                                                    "source"], translated: translated))
        else { return nil }
        let source = f.string("source")
        refer("source", source, at: f.node("source")?.mark)
        milestoneMarks[id] = f.mark
        let phaseID = f.string("phase", required: false)
        refer("phase", phaseID, at: f.node("phase")?.mark)
        let dates = datePlan(f, "dates", source: source)
        if f.node("dates") == nil { diagnostics.report(at: f.mark, "missing required field 'dates' in milestone '\(id)'") }
        guard let name = f.string("name"), let source else { return nil }
        var decoded = Milestone(id: id, name: name, phaseID: phaseID, dates: dates, note: f.string("note", required: false),
                                  sourceID: source)
        decoded.chinese = chinese(f, translated)
        return decoded
    }

    private func allocation(_ node: Node) -> Allocation? {
        let translated = ["name", "approved_by", "note"]
        guard let (f, id) = open(node, kind: "allocation", allowed: Self.withChinese([
            "id", "name", "amount_m", "financial_year", "approved_by", "status", "committed_m", "spent_m", "note",
            "source", "also", "headline", "children", "funds",
        ], translated: translated)) else { return nil }
        allocationMarks[id] = f.node("amount_m")?.mark ?? f.mark
        let source = f.string("source")
        refer("source", source, at: f.node("source")?.mark)
        var amount = f.number("amount_m")
        if let value = amount, value < 0 {
            diagnostics.report(at: f.node("amount_m")?.mark, "'amount_m' in allocation '\(id)' is \(format(value)); money cannot be negative")
        }
        if let value = amount, !withinMoney(value, f, "amount_m") { amount = nil }
        let committed = money(f, "committed_m", source: source)
        let spent = money(f, "spent_m", source: source)
        let children = f.sequence("children").compactMap { allocation($0) }
        guard let name = f.string("name"), let amount, let status = f.enumeration("status", AllocationStatus.self),
              let source else { return nil }
        var decoded = Allocation(id: id, name: name, amount: HKD(millions: amount),
                                    financialYear: f.string("financial_year", required: false),
                                    approvedBy: f.string("approved_by", required: false), status: status, committed: committed,
                                    spent: spent, note: f.string("note", required: false), sourceID: source,
                                    isHeadline: f.bool("headline"), children: children)
        decoded.otherSourceIDs = otherSources(f)
        decoded.chinese = chinese(f, translated)
        for node in f.sequence("funds") {
            guard let id = node.string else {
                diagnostics.report(at: node.mark, "'funds' in allocation '\(id)' lists batch or building ids")
                continue
            }
            decoded.funds.append(id)
            refer("batch or building", id, at: node.mark)
        }
        return decoded
    }

    private func institution(_ node: Node) -> Institution? {
        let translated = ["name", "field", "status", "earlier_status", "location", "note"]
        guard let (f, id) = open(node, kind: "institution", allowed: Self.withChinese([
            "id", "name", "kind", "field", "status", "status_source", "earlier_status", "established", "location", "allocation",
            "five_major", "note", "source", "also",
        ], translated: translated)) else { return nil }
        let source = f.string("source")
        refer("source", source, at: f.node("source")?.mark)
        let allocationID = f.string("allocation", required: false)
        refer("allocation", allocationID, at: f.node("allocation")?.mark)
        let established = sourcedDate(f, "established", source: source)
        let stated = statedText(f, "status", in: "institution '\(id)'")
        guard let name = f.string("name"), let kind = f.enumeration("kind", InstitutionKind.self),
              let field = f.string("field"), let status = f.string("status"), let source else { return nil }
        var decoded = Institution(id: id, name: name, kind: kind, field: field, status: status, established: established,
                                      location: f.string("location", required: false), allocationID: allocationID,
                                      isFiveMajor: f.bool("five_major"), note: f.string("note", required: false),
                                      sourceID: source)
        decoded.statusSourceID = stated?.sourceID
        decoded.earlierStatus = stated?.earlier
        decoded.otherSourceIDs = otherSources(f)
        decoded.chinese = chinese(f, translated)
        return decoded
    }
}
