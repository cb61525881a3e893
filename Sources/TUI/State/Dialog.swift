import Foundation
import Model

/// A small form over the app: add a URL, set filters, export a sample or a stem. Its fields are edited with the
/// keys a shell line has; Tab/↑/↓ move between fields, ←/→/space change a choice, Enter
/// confirms, Esc closes.
public struct Dialog: Sendable, Equatable {
    /// What the dialog is for.
    public enum Kind: Sendable, Equatable {
        /// Submit a URL (or a file path, locally).
        case add
        /// The list's filters.
        case filters
        /// Export the selected sample.
        case export
        /// Export a stem.
        case exportStem(Stem)
        /// Submit a batch of URLs or a creator's posts as a collection.
        case addCollection
        /// The export's file is already there: overwrite, keep both, or cancel.
        case exportExists(ExportRequest)
        /// Delete a sample and its files? (keep or delete)
        case confirmDelete(UUID, title: String)
        /// Add a sample to a crate: pick one, or name a new one.
        case addToCrate(UUID, title: String)
        /// Export every sample of a crate with its playlist.
        case exportCrate(UUID, name: String)
        /// The session's tempo (typed or tapped) and key.
        case session
        /// A crate's new name.
        case renameCrate(UUID, name: String)
    }

    /// One field.
    public struct Field: Sendable, Equatable {
        /// Its label.
        public var label: String
        /// The text typed (text fields).
        public var text: String
        /// The choices (choice fields); empty for text fields.
        public var choices: [String]
        /// The chosen index (choice fields).
        public var choice: Int
        /// A hint shown while the field is empty.
        public var placeholder: String

        /// A text field.
        static func text(_ label: String, _ text: String = "", placeholder: String = "") -> Field {
            Field(label: label, text: text, choices: [], choice: 0, placeholder: placeholder)
        }

        /// A choice field.
        static func choice(_ label: String, _ choices: [String], selected: Int = 0) -> Field {
            Field(label: label, text: "", choices: choices, choice: max(0, min(selected, choices.count - 1)), placeholder: "")
        }

        /// Whether it is a choice field.
        public var isChoice: Bool { !choices.isEmpty }

        /// What it shows: the text, or the chosen value.
        public var value: String { isChoice ? choices[choice] : text }
    }

    /// What the dialog is for.
    public var kind: Kind
    /// Its title.
    public var title: String
    /// Its fields.
    public var fields: [Field]
    /// The field being edited.
    public var focus: Int = 0
    /// Why the last confirm was refused.
    public var error: String?

    /// Moves the focus by `delta` fields, wrapping.
    mutating func moveFocus(_ delta: Int) {
        guard !fields.isEmpty else { return }
        focus = ((focus + delta) % fields.count + fields.count) % fields.count
    }

    /// Edits the focused field with a key; returns false when the key is not an edit.
    mutating func edit(_ key: KeyPress) -> Bool {
        guard fields.indices.contains(focus) else { return false }
        var field = fields[focus]
        defer { fields[focus] = field }
        if field.isChoice {
            switch key {
            case .left: field.choice = (field.choice + field.choices.count - 1) % field.choices.count
            case .right, .character(" "): field.choice = (field.choice + 1) % field.choices.count
            default: return false
            }
            return true
        }
        switch key {
        case .backspace, .control("h"): if !field.text.isEmpty { field.text.removeLast() }
        case .control("u"): field.text = ""
        case .control("w"):
            while field.text.last == " " { field.text.removeLast() }
            while let last = field.text.last, last != " " && last != "/" { field.text.removeLast() }
        default:
            guard let c = key.typedCharacter, field.text.count < 2048 else { return false }
            field.text.append(c)
        }
        error = nil
        return true
    }
}
