import Foundation
import HetaoDomain
import YAMLDiagnostics
import Yams

/// Reads one YAML mapping as an entity: required and optional fields, typed values, and the
/// position of each, collecting problems instead of stopping at the first.
struct FieldReader {
    let entity: String
    let mark: Yams.Mark?
    private let values: [String: Node]
    private let diagnostics: Diagnostics

    /// Nil (with a problem reported) when `node` is not a mapping. Unknown keys are reported
    /// against `allowed` with a suggestion.
    init?(_ node: Node, entity: String, allowed: [String], diagnostics: Diagnostics) {
        guard case let .mapping(mapping) = node else {
            diagnostics.report(at: node.mark, "\(entity) must be a mapping of fields")
            return nil
        }
        self.entity = entity
        self.mark = node.mark
        self.diagnostics = diagnostics
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            if allowed.contains(key) {
                values[key] = value
            } else {
                let hint = Suggestion.closest(to: key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                diagnostics.report(at: keyNode.mark, "unknown field '\(key)' in \(entity)\(hint)")
            }
        }
        self.values = values
    }

    /// The value of `key`; an empty or null plain scalar counts as absent. (Scalars are read
    /// untyped, so each field parses its own type and says what it expected.)
    func node(_ key: String) -> Node? {
        guard let value = values[key] else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return nil
        }
        return value
    }

    func required(_ key: String) -> Node? {
        if let value = node(key) { return value }
        diagnostics.report(at: mark, "missing required field '\(key)' in \(entity)")
        return nil
    }

    func string(_ key: String, required isRequired: Bool = true) -> String? {
        guard let value = isRequired ? required(key) : node(key) else { return nil }
        guard case .scalar(let scalar) = value else {
            diagnostics.report(at: value.mark, "'\(key)' in \(entity) must be text")
            return nil
        }
        let text = scalar.string.trimmedWhitespace
        if text.isEmpty {
            diagnostics.report(at: value.mark, "'\(key)' in \(entity) is empty")
            return nil
        }
        return text
    }

    func int(_ key: String, required isRequired: Bool = true) -> Int? {
        guard let text = string(key, required: isRequired) else { return nil }
        guard let value = Int(text) else {
            diagnostics.report(at: node(key)?.mark, "'\(key)' in \(entity) must be a whole number, not '\(text)'")
            return nil
        }
        return value
    }

    func number(_ key: String, node value: Node? = nil, required isRequired: Bool = true) -> Double? {
        guard let value = value ?? (isRequired ? required(key) : node(key)) else { return nil }
        guard case .scalar(let scalar) = value,
              let number = Double(scalar.string.replacingOccurrences(of: "_", with: "")),
              number.isFinite else {
            diagnostics.report(at: value.mark, "'\(key)' in \(entity) must be a number, not '\(value.string ?? "a collection")'")
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool {
        guard let value = node(key) else { return false }
        switch value.string?.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            diagnostics.report(at: value.mark, "'\(key)' in \(entity) must be true or false")
            return false
        }
    }

    /// One of `E`'s raw values, from the field or from `value` (the inner node of a sourced field).
    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type,
                                                          node value: Node? = nil) -> E? where E.RawValue == String {
        guard let text = value.map({ $0.string?.trimmedWhitespace ?? "" }) ?? string(key) else { return nil }
        if let value = E(rawValue: text) { return value }
        let names = E.allCases.map(\.rawValue)
        diagnostics.report(at: value?.mark ?? node(key)?.mark,
                           "'\(key)' in \(entity) is '\(text)'; expected one of \(names.joined(separator: ", "))")
        return nil
    }

    /// A list field; an absent field is an empty list.
    func sequence(_ key: String, required isRequired: Bool = false) -> [Node] {
        guard let value = isRequired ? required(key) : node(key) else { return [] }
        guard case .sequence(let items) = value else {
            diagnostics.report(at: value.mark, "'\(key)' in \(entity) must be a list")
            return []
        }
        return Array(items)
    }

    /// A value that is either written plainly (and then comes from the entity's own source) or
    /// as `{value: ..., source: ...}`. Returns the value node, the source id and its position.
    func sourced(_ key: String, defaultSource: String?, required isRequired: Bool = false) -> (value: Node, source: String?, sourceMark: Yams.Mark?)? {
        guard let value = isRequired ? required(key) : node(key) else { return nil }
        if case .mapping = value {
            guard let fields = FieldReader(value, entity: "'\(key)' of \(entity)", allowed: ["value", "source"],
                                           diagnostics: diagnostics),
                  let inner = fields.required("value") else { return nil }
            let source = fields.string("source")
            return (inner, source, fields.node("source")?.mark)
        }
        return (value, defaultSource, mark)
    }
}

