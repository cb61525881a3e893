import Foundation
import Model

/// The dialogs' keys and what Enter in each one does.
extension AppState {
    /// A key while a dialog is open: Esc closes it, Enter confirms, Tab and the arrows move
    /// between fields, the rest edits the focused field.
    mutating func dialogKey(_ key: KeyPress) -> [Effect] {
        guard var dialog else { return [] }
        switch key {
        case .escape:
            self.dialog = nil
            return []
        case .enter:
            return confirm(dialog)
        case .tab, .down:
            dialog.moveFocus(1)
        case .backTab, .up:
            dialog.moveFocus(-1)
        case .character(" ") where dialog.kind == .session && dialog.focus == 0:
            tapTempo()
            return []
        default:
            _ = dialog.edit(key)
        }
        self.dialog = dialog
        return []
    }

    /// Enter in a dialog: what it asks for, or the dialog again with the reason it cannot be done.
    private mutating func confirm(_ dialog: Dialog) -> [Effect] {
        switch dialog.kind {
        case .add:
            let source = dialog.fields[0].text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !source.isEmpty else { return refuse(dialog, isLocal ? "Type a URL or the path of a file." : "Type a URL.") }
            let resolved = isLocal ? HomePath.expandingTilde(source, home: home) : source
            self.dialog = nil
            // The row is the path submitted (`~` expanded), so the answer, whichever it is, finds it.
            jobs.submit(resolved)
            return [.submit(resolved)]
        case .filters:
            switch Dialog.parseFilters(dialog) {
            case .failure(let error): return refuse(dialog, error.message)
            case .success(let filters):
                self.dialog = nil
                list.apply(filters)
                return reload() + [rememberListOrder()]
            }
        case .export, .exportStem:
            let format = ExportFormat.allCases[dialog.fields[0].choice]
            let folder = dialog.fields[1].text.trimmingCharacters(in: .whitespaces)
            guard !folder.isEmpty else { return refuse(dialog, "Type the folder to export to.") }
            let url = URL(fileURLWithPath: HomePath.expandingTilde(folder, home: home))
            guard let sample = selected else { self.dialog = nil; return [] }
            // After the format and the folder: the part (when a region is marked) and the sound
            // (when synced), by their labels.
            let item = selectedPlayable
            func chose(_ label: String) -> Bool { dialog.fields.first { $0.label == label }?.choice == 0 }
            let region = chose("part") ? item.flatMap { playback.region(of: $0.id) } : nil
            let sync = chose("sound") ? item.flatMap(sync(for:)) : nil
            let request: ExportRequest
            if case .exportStem(let stem) = dialog.kind {
                request = ExportRequest(subject: .stem(stem), format: format, folder: url,
                                        fileName: stem.exportFileName(of: sample, format, region: region, sync: sync), region: region, sync: sync)
            } else {
                request = ExportRequest(subject: .sample(sample.id), format: format, folder: url,
                                        fileName: sample.exportFileName(format, region: region, sync: sync), region: region, sync: sync)
            }
            self.dialog = nil
            exportingTo = folder
            show(info: "exporting \(format.rawValue)…")
            return [.export(request)]
        case .exportExists(var request):
            self.dialog = nil
            guard let choice = ExportRequest.Existing(rawValue: dialog.fields[0].value) else {
                exportingTo = nil
                show(info: "export cancelled: \(request.fileName) stays as it was")
                return []
            }
            request.existing = choice
            show(info: "exporting \(request.format.rawValue)…")
            return [.export(request)]
        case .confirmDelete(let id, let title):
            self.dialog = nil
            guard dialog.fields[0].value == "delete" else { return [] }
            show(info: "deleting \(title)…")
            return [.delete(id, title: title)]
        case .addToCrate(let sample, let title):
            return confirmCrate(dialog, sample: sample, title: title)
        case .session:
            return confirmSession(dialog)
        case .renameCrate(let id, let name):
            let new = dialog.fields[0].text.trimmingCharacters(in: .whitespaces)
            guard !new.isEmpty else { return refuse(dialog, "Type the crate's new name.") }
            self.dialog = nil
            guard new != name else { return [] }
            return [.renameCrate(id, from: name, to: new)]
        case .exportCrate(let id, let name):
            let format = ExportFormat.allCases[dialog.fields[0].choice]
            let folder = dialog.fields[1].text.trimmingCharacters(in: .whitespaces)
            guard !folder.isEmpty else { return refuse(dialog, "Type the folder to export to.") }
            self.dialog = nil
            show(info: "exporting the crate \(name)…")
            return [.exportCrate(id, name: name, format: format, folder: URL(fileURLWithPath: HomePath.expandingTilde(folder, home: home)))]
        case .addCollection:
            switch Self.collectionRequest(dialog.fields[0].text) {
            case .failure(let error): return refuse(dialog, error.message)
            case .success(let request):
                self.dialog = nil
                show(info: "submitting the collection…")
                return [.createCollection(request)]
            }
        }
    }

    /// Keeps `dialog` open with `message` as its error.
    mutating func refuse(_ dialog: Dialog, _ message: String) -> [Effect] {
        var dialog = dialog
        dialog.error = message
        self.dialog = dialog
        return []
    }
}
