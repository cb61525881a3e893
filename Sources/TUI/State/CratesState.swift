import Foundation
import Model

/// The user's stars and crates as the app knows them: the starred samples (the list marks them)
/// and the crates `+` offers, with the one last added to (offered first next time).
public struct CratesState: Sendable, Equatable {
    /// The ids of the samples the user starred.
    public var starred: Set<UUID> = []
    /// The user's crates, by name, without their items.
    public var list: [Crate] = []
    /// The crate last added to.
    public var lastCrate: UUID?

    /// Whether a sample is starred.
    public func isStarred(_ id: UUID) -> Bool { starred.contains(id) }
}

/// The answers of the star and crate effects.
public enum CratesEvent: Sendable {
    /// The user's starred samples.
    case stars([UUID])
    /// A star was set or taken off.
    case starSet(StarState)
    /// Setting a star failed: the mark goes back to what it was.
    case starFailed(UUID, wanted: Bool, message: String)
    /// The user's crates.
    case loaded([Crate])
    /// A sample was added to a crate (made for it, when new).
    case added(Crate, sampleTitle: String)
    /// One crate with its samples (the crates panel opened it).
    case opened(Crate)
    /// A crate after a sample was moved or taken out.
    case changed(Crate)
    /// A crate was renamed (`from` its old name).
    case renamed(Crate, from: String)
    /// A crate was deleted.
    case deleted(UUID, name: String)
    /// A crate was exported: how many files, the playlist, and the samples left out (and why).
    case exported(name: String, files: Int, playlist: URL, skipped: [String])
    /// A crate call failed.
    case failed(String)
}

extension AppState {
    /// `*`: stars the selected sample, or takes its star off (the mark changes at once; it goes
    /// back if the library refuses).
    mutating func toggleStar() -> [Effect] {
        guard let sample = selected else { return [] }
        let wanted = !crates.isStarred(sample.id)
        if wanted { crates.starred.insert(sample.id) } else { crates.starred.remove(sample.id) }
        show(info: wanted ? "starred \(SampleFormat.title(sample))" : "unstarred \(SampleFormat.title(sample))")
        return [.setStar(sample.id, starred: wanted)]
    }

    /// The starred-only key: the list shows only the starred samples, or every one again.
    mutating func toggleStarredOnly() -> [Effect] {
        list.query.starred = list.query.starred == true ? nil : true
        let star = keyMap.label(.star, unicode: glyphs.isUnicode)
        show(info: list.query.starred == true ? "starred samples only (\(star) stars one)" : "every sample")
        return reload() + [rememberListOrder()]
    }

    /// `+`: the dialog that picks a crate for the selected sample, or names a new one.
    mutating func openCratePicker() -> [Effect] {
        guard let sample = selected else { return [] }
        let names = crates.list.map(\.name)
        let last = crates.lastCrate.flatMap { id in crates.list.firstIndex { $0.id == id } } ?? 0
        dialog = Dialog(kind: .addToCrate(sample.id, title: SampleFormat.title(sample)), title: "Add \(SampleFormat.title(sample)) to a crate",
                        fields: [.choice("crate", names + [Self.newCrateChoice], selected: names.isEmpty ? 0 : last),
                                 .text("new crate", placeholder: "a name, for a new crate")])
        if names.isEmpty { dialog?.focus = 1 }
        return [.loadCrates]
    }

    /// The crate picker's last choice: a new crate, named in the second field.
    static let newCrateChoice = "new crate…"

    /// Enter in the crate picker: the chosen crate, or a new one named in the text field (a
    /// name of one you have, in any case, is that one).
    mutating func confirmCrate(_ dialog: Dialog, sample: UUID, title: String) -> [Effect] {
        let chosen = dialog.fields[0].value
        let typed = dialog.fields[1].text.trimmingCharacters(in: .whitespacesAndNewlines)
        if chosen == Self.newCrateChoice || !typed.isEmpty {
            guard !typed.isEmpty else { return refuse(dialog, "Type a name for the new crate (or pick one with ←/→).") }
            // A name you already have is that crate.
            if let crate = crates.list.first(where: { $0.name.lowercased() == typed.lowercased() }) {
                self.dialog = nil
                return [.addToCrate(crate.id, sample: sample, title: title)]
            }
            self.dialog = nil
            show(info: "making the crate \(typed)…")
            return [.addToNewCrate(name: typed, sample: sample, title: title)]
        }
        guard let crate = crates.list.first(where: { $0.name == chosen }) else { return refuse(dialog, "Pick a crate.") }
        self.dialog = nil
        return [.addToCrate(crate.id, sample: sample, title: title)]
    }

    /// Keeps a crate's name and count (without its items) in the list, in name order.
    private mutating func keep(_ crate: Crate) {
        var listed = crate
        listed.items = nil
        if let index = crates.list.firstIndex(where: { $0.id == crate.id }) {
            crates.list[index] = listed
        } else {
            crates.list.append(listed)
            crates.list.sort { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
        }
    }

    /// The answers of the star and crate effects.
    mutating func cratesEvent(_ event: CratesEvent) -> [Effect] {
        switch event {
        case .stars(let ids):
            crates.starred = Set(ids)
            return []
        case .starSet(let state):
            if state.starred { crates.starred.insert(state.sampleID) } else { crates.starred.remove(state.sampleID) }
            // A starred-only list loses the sample it unstarred.
            return list.query.starred != nil || list.query.searchSyntax?.filters.starred != nil ? reload(quiet: true) : []
        case .starFailed(let id, let wanted, let message):
            if wanted { crates.starred.remove(id) } else { crates.starred.insert(id) }
            show(error: message)
            return []
        case .loaded(let list):
            crates.list = list
            // The open picker offers the crates as they are now, keeping the one chosen.
            if var picker = dialog, case .addToCrate = picker.kind {
                let chosen = picker.fields[0].value
                let choices = list.map(\.name) + [Self.newCrateChoice]
                picker.fields[0].choices = choices
                picker.fields[0].choice = choices.firstIndex(of: chosen) ?? 0
                dialog = picker
            }
            return []
        case .added(let crate, let title):
            crates.lastCrate = crate.id
            keep(crate)
            show(info: "added \(title) to \(crate.name) (\(crate.count) sample\(crate.count == 1 ? "" : "s"))")
            return []
        case .opened(let crate), .changed(let crate):
            keep(crate)
            guard var panel = cratesPanel else { return [] }
            if case .opened = event { panel.itemCursor = 0 }
            panel.open = crate
            panel.itemCursor = min(panel.itemCursor, max(0, (crate.items?.count ?? 0) - 1))
            cratesPanel = panel
            return []
        case .renamed(let crate, let from):
            if let index = crates.list.firstIndex(where: { $0.id == crate.id }) { crates.list[index].name = crate.name }
            show(info: "renamed the crate \(from) to \(crate.name)")
            return [.loadCrates]
        case .deleted(let id, let name):
            crates.list.removeAll { $0.id == id }
            if crates.lastCrate == id { crates.lastCrate = nil }
            if var panel = cratesPanel {
                panel.cursor = min(panel.cursor, max(0, crates.list.count - 1))
                cratesPanel = panel
            }
            show(info: "deleted the crate \(name) (its samples stay)")
            return [.loadCrates]
        case .exported(let name, let files, let playlist, let skipped):
            for reason in skipped { messageLog.append(StatusMessage(text: "not exported: \(reason)", isError: true, expires: nil), at: now) }
            let left = skipped.isEmpty ? "" : ", \(skipped.count) left out (\(keyMap.label(.messages, unicode: glyphs.isUnicode)) says why)"
            let text = "exported \(name): \(files) file\(files == 1 ? "" : "s") and \(playlist.lastPathComponent) in \(playlist.deletingLastPathComponent().path)\(left)"
            if skipped.isEmpty { show(info: text) } else { show(error: text) }
            return [.copyToClipboard(playlist.path)]
        case .failed(let message):
            cratesPanel?.error = message
            show(error: message)
            return []
        }
    }
}
