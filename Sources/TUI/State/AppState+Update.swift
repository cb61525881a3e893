import Foundation
import Model

extension AppState {
    /// How long the cursor must rest on a row before its peaks and first segment are fetched.
    static let restDelay = 0.150
    /// How long an information message stays.
    static let messageSeconds = 6.0
    /// How long a finished job stays in the jobs pane.
    static let finishedJobSeconds = 10.0
    /// How often the pipeline's jobs and the rows on screen are asked for again (so statuses,
    /// and samples added by another process, show without `r`).
    static let jobsInterval = 5.0
    /// How long after the first segment was fetched (`restDelay`) autoplay plays the row the
    /// cursor moved to and rests on.
    static let autoplayDelay = 0.150

    /// Applies an event and returns the work to do.
    public mutating func handle(_ event: AppEvent) -> [Effect] {
        switch event {
        case .key(let key):
            return handleKey(key)
        case .resize(let rows, let cols):
            self.rows = max(0, rows)
            self.cols = max(0, cols)
            keepCursorVisible()
            return pageEffects()
        case .tick(let now, let status):
            return tick(now: now, player: status)
        case .pageLoaded(let generation, let index, let page):
            guard generation == self.generation else { return [] }
            if isStale {
                pages = [:]
                isStale = false
            }
            pages[index] = page.items
            arrived.insert(index)
            total = page.total
            placeAnchor()
            clampCursor()
            return pageEffects()
        case .pageFailed(let generation, _, let message):
            guard generation == self.generation else { return [] }
            anchor = nil
            if isStale { isStale = false; pages = [:]; total = nil }
            show(error: message)
            return []
        case .peaksLoaded(let id, let peaks):
            self.peaks[id] = peaks
            if self.peaks.count > 64, let old = self.peaks.keys.first(where: { $0 != id && $0 != selectedPlayable?.id }) {
                self.peaks.removeValue(forKey: old)
            }
            return []
        case .peaksFailed:
            return []
        case .audioReady:
            audio = .ready
            return []
        case .audioUnavailable(let reason):
            audio = .unavailable(reason)
            if message == nil { show(error: reason) }
            return []
        case .submitted(let source, let outcome):
            return submitted(source: source, outcome: outcome)
        case .submitFailed(let source, let message):
            if let index = jobs.firstIndex(where: { $0.sampleID == nil && $0.source == source && $0.state == .active }) {
                jobs[index].state = .failed
                jobs[index].message = message
                jobs[index].finishedAt = now
            }
            show(error: message)
            return []
        case .progress(let event):
            return progress(event)
        case .watchFailed(let id, let message):
            watched.remove(id)
            show(error: message)
            return []
        case .jobsLoaded(let infos):
            return jobsLoaded(infos)
        case .exported(let url):
            if let folder = exportingTo { exportFolder = folder }
            exportingTo = nil
            show(info: "Exported to \(url.path)")
            return []
        case .settingsSaved:
            return []
        case .settingsFailed(let message):
            show(error: message)
            return []
        case .failed(let message):
            show(error: message)
            return []
        case .collections(let event):
            return collectionsEvent(event)
        case .stems(let event):
            return stemsEvent(event)
        case .terminate:
            isQuitting = true
            return [.stop, .quit]
        }
    }

    /// The effects of the first frame: the first page and the jobs.
    public mutating func start() -> [Effect] {
        jobsLoadedAt = now
        restingSince = now
        return reload() + [.loadJobs]
    }

    // MARK: keys

    private mutating func handleKey(_ key: KeyPress) -> [Effect] {
        if key == .control("c") { return quit() }
        if message?.isError == true { message = nil }
        switch frontOverlay {
        case .help?:
            showsHelp = false
            return []
        case .dialog?: return dialogKey(key)
        case .stems?: return stemDialogKey(key)
        case .collections?: return collectionsKey(key)
        case .messages?: return messagesKey(key)
        case nil: break
        }
        if isTyping { return searchKey(key) }
        if key == .escape {
            if query.search != nil { return setSearch("") }
            message = nil
            return []
        }
        guard let action = keyMap.action(for: key) else {
            if case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII { return seek(toFraction: Double(digit) / 10) }
            if case .function = key { return [] }
            show(info: "\(key.name) does nothing; \(keyMap.label(.help, unicode: glyphs.isUnicode)) shows the keys")
            return []
        }
        return perform(action)
    }

    /// Does what an action asks.
    mutating func perform(_ action: Action) -> [Effect] {
        let page = max(1, layout.visibleRows - 1)
        switch action {
        case .down: return moveRow(by: 1)
        case .up: return moveRow(by: -1)
        case .pageDown: return moveCursor(to: cursor + page)
        case .pageUp: return moveCursor(to: cursor - page)
        case .top: return moveCursor(to: 0)
        case .bottom: return moveCursor(to: rowCount - 1)
        case .playPause: return playPause()
        case .seekBack, .seekForward, .seekBackFar, .seekForwardFar:
            guard playingID != nil, player.state != .stopped else { return [] }
            let step = action == .seekBack || action == .seekForward ? seekStep : bigSeekStep
            return [.seek(action == .seekBack || action == .seekBackFar ? -step : step)]
        case .autoplay:
            settings.autoplay.toggle()
            autoplayAt = nil
            show(info: settings.autoplay ? "autoplay on: a sample you stop on plays from its start" : "autoplay off")
            return [.saveSettings(settings)]
        case .messages:
            overlays.append(.messages(MessagesPanel()))
            return []
        case .volumeUp, .volumeDown:
            volume = min(1.5, max(0, ((volume + (action == .volumeUp ? 0.1 : -0.1)) * 10).rounded() / 10))
            show(info: "volume \(Int((volume * 100).rounded()))%")
            return [.setVolume(volume)]
        case .next, .previous:
            let target = cursor + (action == .next ? 1 : -1)
            guard target >= 0, target < rowCount else { return [] }
            var effects = moveCursor(to: target)
            effects += playPause()
            return effects
        case .search:
            isTyping = true
            return []
        case .filters:
            dialog = Dialog.filters(for: query)
            return []
        case .sort:
            let all = SampleSort.allCases
            // No sort means newest first, or relevance while searching (which no step names).
            let shown = query.sort ?? (query.search == nil ? .newest : nil)
            let current = shown.flatMap { all.firstIndex(of: $0) } ?? -1
            query.sort = all[(current + 1) % all.count]
            show(info: "sorted by \(query.sort?.rawValue ?? "newest")")
            return reload()
        case .add:
            dialog = Dialog(kind: .add, title: isLocal ? "Add a URL or a file" : "Add a URL",
                            fields: [.text(isLocal ? "URL or path" : "URL", placeholder: isLocal ? "https://… or ~/clips/loop.wav" : "https://…")])
            return []
        case .export:
            if let stem = selectedStem {
                let cost = (stem.exportCost ?? 0) > 0 ? " (costs \(StemDialog.credits(stem.exportCost ?? 0)), later exports are free)" : ""
                dialog = Dialog(kind: .exportStem(stem), title: "Export the \(stem.type.displayName) stem\(cost)",
                                fields: [.choice("format", ExportFormat.allCases.map(\.rawValue)), .text("folder", exportFolder)])
                return []
            }
            guard let sample = selected else { return [] }
            guard sample.status == .completed else {
                show(error: "\(SampleFormat.title(sample)) is \(SampleFormat.status(sample.status)): only ready samples can be exported")
                return []
            }
            dialog = Dialog(kind: .export, title: "Export \(SampleFormat.title(sample))",
                            fields: [.choice("format", ExportFormat.allCases.map(\.rawValue)), .text("folder", exportFolder)])
            return []
        case .stems:
            return openStemDialog()
        case .expand:
            return toggleExpanded()
        case .refresh:
            show(info: "refreshed")
            stemJobs = [:]
            stemsRequested = []
            jobs.removeAll { $0.state != .active }
            jobsLoadedAt = now
            return reload() + [.loadJobs]
        case .collections:
            return openCollections()
        case .help:
            showsHelp = true
            return []
        case .quit:
            return quit()
        }
    }

    private mutating func quit() -> [Effect] {
        isQuitting = true
        return [.stop, .quit]
    }

    private mutating func searchKey(_ key: KeyPress) -> [Effect] {
        var text = query.search ?? ""
        switch key {
        case .enter:
            isTyping = false
            if let problem = searchProblem { show(info: problem) }
            return []
        case .escape:
            isTyping = false
            return setSearch("")
        case .backspace, .control("h"):
            guard !text.isEmpty else { return [] }
            text.removeLast()
            return setSearch(text)
        case .control("u"):
            return setSearch("")
        case .up: return perform(.up)
        case .down: return perform(.down)
        case .pageUp: return perform(.pageUp)
        case .pageDown: return perform(.pageDown)
        case .home: return perform(.top)
        case .end: return perform(.bottom)
        default:
            guard let c = key.typedCharacter, text.count < 200 else { return [] }
            text.append(c)
            return setSearch(text)
        }
    }

    /// What the search line holds that filters nothing (a field whose value does not parse,
    /// as `SearchSyntax` reads it for the library), said the way a user can fix it.
    private var searchProblem: String? {
        guard let token = query.searchSyntax?.ignored.first else { return nil }
        return "\(token): not understood; try bpm:90-110, bpm:~120, key:Am, camelot:8A, mix:8A, scale:minor, status:failed"
    }

    private mutating func setSearch(_ text: String) -> [Effect] {
        let value = text.isEmpty ? nil : text
        guard value != query.search else { return [] }
        query.search = value
        // A field typed whole (followed by a space, or Enter) that cannot be read says why.
        if text.hasSuffix(" "), let problem = searchProblem { show(info: problem) }
        return reload()
    }

    // MARK: dialogs

    private mutating func dialogKey(_ key: KeyPress) -> [Effect] {
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
        default:
            _ = dialog.edit(key)
        }
        self.dialog = dialog
        return []
    }

    private mutating func confirm(_ dialog: Dialog) -> [Effect] {
        switch dialog.kind {
        case .add:
            let source = dialog.fields[0].text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !source.isEmpty else { return refuse(dialog, isLocal ? "Type a URL or the path of a file." : "Type a URL.") }
            let resolved = isLocal ? HomePath.expandingTilde(source, home: home) : source
            self.dialog = nil
            jobs.insert(JobRow(sampleID: nil, source: source, step: "submit", progress: 0, message: "submitting…",
                               state: .active), at: 0)
            return [.submit(resolved)]
        case .filters:
            switch Dialog.parseFilters(dialog) {
            case .failure(let error): return refuse(dialog, error.message)
            case .success(let filters):
                self.dialog = nil
                query.bpmMin = filters.bpmMin
                query.bpmMax = filters.bpmMax
                query.key = filters.key
                query.compatibleWith = filters.compatibleWith
                query.status = filters.status
                return reload()
            }
        case .export, .exportStem:
            let format = ExportFormat.allCases[dialog.fields[0].choice]
            let folder = dialog.fields[1].text.trimmingCharacters(in: .whitespaces)
            guard !folder.isEmpty else { return refuse(dialog, "Type the folder to export to.") }
            let url = URL(fileURLWithPath: HomePath.expandingTilde(folder, home: home))
            let effect: Effect
            if case .exportStem(let stem) = dialog.kind {
                effect = .exportStem(stem, format, folder: url)
            } else {
                guard let sample = selected else { self.dialog = nil; return [] }
                effect = .export(sample.id, format, folder: url)
            }
            self.dialog = nil
            exportingTo = folder
            show(info: "exporting \(format.rawValue)…")
            return [effect]
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

    private mutating func refuse(_ dialog: Dialog, _ message: String) -> [Effect] {
        var dialog = dialog
        dialog.error = message
        self.dialog = dialog
        return []
    }

    // MARK: the list

    /// Starts a new query: the old rows stay on screen until the first page answers, and the
    /// sample under the cursor stays selected (`SelectionAnchor`). A `quiet` reload (the regular
    /// refresh) replaces the pages one by one as they come instead of dropping the old ones.
    mutating func reload(quiet: Bool = false) -> [Effect] {
        if anchor == nil, total != nil {
            anchor = SelectionAnchor(sampleID: selected?.id, stem: stemCursor, row: cursor)
        }
        generation += 1
        requested = []
        arrived = []
        if !quiet { isStale = true }
        if pages.isEmpty && total == nil { isStale = false }
        return pageEffects()
    }

    /// Puts the cursor back on the anchored sample once it is among the rows that arrived, or,
    /// once the page of the row it was on arrived without it, on the row nearest to that one.
    private mutating func placeAnchor() {
        guard let anchor else { return }
        let before = selectedPlayable?.id
        if let id = anchor.sampleID, let index = arrivedIndex(of: id) {
            cursor = index
            stemCursor = anchor.stem
        } else if rowCount == 0 || arrived.contains(min(anchor.row, rowCount - 1) / Self.pageSize) {
            cursor = rowCount == 0 ? 0 : min(anchor.row, rowCount - 1)
            stemCursor = nil
        } else {
            return
        }
        self.anchor = nil
        keepCursorVisible()
        if selectedPlayable?.id != before {
            restingSince = now
            autoplayAt = nil
        }
    }

    /// The row of a sample among the pages that arrived for the current query.
    private func arrivedIndex(of id: UUID) -> Int? {
        for index in arrived.sorted() {
            if let offset = pages[index]?.firstIndex(where: { $0.id == id }) { return index * Self.pageSize + offset }
        }
        return nil
    }

    /// Loads the pages not asked for yet of the rows shown, the rows near them, and the cursor's.
    private mutating func pageEffects() -> [Effect] {
        // The pages on screen, and the next (or previous) one when the view is near its edge,
        // so scrolling rarely meets rows still loading.
        let margin = 50
        let first = max(0, scroll - margin) / Self.pageSize
        let last = max(first, (scroll + layout.visibleRows + margin) / Self.pageSize)
        var wanted = Array(first...last)
        if !wanted.contains(cursor / Self.pageSize) { wanted.append(cursor / Self.pageSize) }
        var effects: [Effect] = []
        let asked = query
        for index in wanted where !requested.contains(index) {
            if index > 0, let total, index * Self.pageSize >= total { continue }
            requested.insert(index)
            var page = asked
            page.page = index + 1
            page.limit = Self.pageSize
            effects.append(.loadPage(page, generation: generation))
        }
        return effects
    }

    /// Moves the cursor to a sample's row (or, with `stem`, to a stem row under it).
    mutating func moveCursor(to index: Int, stem: Int? = nil) -> [Effect] {
        guard rowCount > 0 else { return [] }
        let before = selectedPlayable?.id
        anchor = nil
        cursor = min(max(0, index), rowCount - 1)
        stemCursor = stem
        keepCursorVisible()
        var effects = pageEffects()
        let now = selectedPlayable?.id
        if now != before || now == nil {
            restingSince = self.now
            // Autoplay follows the user's moves only (not a reload, not the first row at start).
            autoplayAt = settings.autoplay ? self.now + Self.restDelay + Self.autoplayDelay : nil
            if playingID != nil, now != playingID, player.state != .stopped {
                effects.append(.stop)
                playingID = nil
                player.state = .stopped
            }
        }
        return effects
    }

    private mutating func clampCursor() {
        cursor = rowCount == 0 ? 0 : min(cursor, rowCount - 1)
        keepCursorVisible()
    }


    // MARK: playback

    private mutating func playPause() -> [Effect] {
        guard let item = selectedPlayable else { return [] }
        if item.id == playingID, player.isActive {
            return [.togglePause]
        }
        guard item.status == .completed else {
            let title = selected.map(SampleFormat.title) ?? "It"
            show(error: "\(title) is \(SampleFormat.status(item.status)): it can be played once it is ready")
            return []
        }
        switch audio {
        case .starting:
            show(info: "the sound output is still starting; try again in a moment")
            return []
        case .unavailable(let reason):
            show(error: reason)
            return []
        case .ready:
            playingID = item.id
            player = PlaybackSnapshot(state: .loading, duration: item.duration)
            return [.play(item, from: 0)]
        }
    }

    private mutating func tick(now: Double, player status: PlaybackSnapshot?) -> [Effect] {
        self.now = now
        var effects: [Effect] = []
        if let status, playingID != nil {
            if status.state == .failed, player.state != .failed, let error = status.error {
                show(error: error)
            } else if status.stutters && !player.stutters {
                show(error: "The sound keeps breaking up: this machine is too busy to feed it, even with the largest buffer.")
            }
            player = status
        }
        if let expires = message?.expires, now >= expires { message = nil }
        effects += refreshCollections()
        if now - jobsLoadedAt >= Self.jobsInterval {
            jobsLoadedAt = now
            effects.append(.loadJobs)
            // The rows on screen again: statuses move, another process adds samples.
            if total != nil, !isStale, anchor == nil { effects += reload(quiet: true) }
        }
        jobs.removeAll { row in
            guard row.state == .done, let finished = row.finishedAt else { return false }
            return now - finished >= Self.finishedJobSeconds
        }
        if let since = restingSince, now - since >= Self.restDelay, let item = selectedPlayable {
            restingSince = nil
            if item.status == .completed {
                if !peaksRequested.contains(item.id) && peaks[item.id] == nil {
                    peaksRequested.insert(item.id)
                    switch item {
                    case .sample(let sample): effects.append(.loadPeaks(sample.id))
                    case .stem(let stem): effects.append(.loadStemPeaks(stem.id))
                    }
                }
                if preloaded != item.id, audio == .ready {
                    preloaded = item.id
                    effects.append(.preload(item))
                }
                if case .sample(let sample) = item, stemsRequested.insert(sample.id).inserted {
                    effects.append(.loadStems(sample.id))
                }
            }
        }
        if let at = autoplayAt, now >= at {
            autoplayAt = nil
            effects += autoplay()
        }
        return effects
    }

    /// Autoplay: plays the completed row the cursor rests on from its start, unless it plays already.
    private mutating func autoplay() -> [Effect] {
        guard settings.autoplay, audio == .ready, let item = selectedPlayable, item.status == .completed else { return [] }
        if item.id == playingID, player.isActive { return [] }
        playingID = item.id
        preloaded = item.id
        player = PlaybackSnapshot(state: .loading, duration: item.duration)
        return [.play(item, from: 0)]
    }

    /// `0`–`9`: the playing item (else the selected one, which starts playing) at 0–90 % of its length.
    private mutating func seek(toFraction fraction: Double) -> [Effect] {
        guard let item = selectedPlayable else { return [] }
        if item.id == playingID, player.state != .stopped {
            guard let duration = player.duration ?? item.duration, duration > 0 else { return [] }
            return [.seekTo(duration * fraction)]
        }
        guard item.status == .completed, audio == .ready, let duration = item.duration, duration > 0 else { return playPause() }
        playingID = item.id
        player = PlaybackSnapshot(state: .loading, position: duration * fraction, duration: duration)
        return [.play(item, from: duration * fraction)]
    }

    // MARK: jobs

    private mutating func submitted(source: String, outcome: SubmitOutcome) -> [Effect] {
        let sample = outcome.sample
        let index = jobs.firstIndex { $0.sampleID == nil && $0.source == source && $0.state == .active }
        if !outcome.created && (sample.status == .completed || sample.status == .failed) {
            if let index { jobs.remove(at: index) }
            show(info: "\(SampleFormat.title(sample)) is already in the library (\(SampleFormat.status(sample.status)))")
            return []
        }
        var row = JobRow(sampleID: sample.id, source: source, step: "queued", progress: 0, message: "waiting for a worker",
                         state: .active)
        if let index { row = jobs[index]; row.sampleID = sample.id; row.step = "queued"; row.message = "waiting for a worker"; jobs[index] = row }
        else if !jobs.contains(where: { $0.sampleID == sample.id && $0.stemJobID == nil }) { jobs.insert(row, at: 0) }
        var effects = reload()
        if watched.insert(sample.id).inserted { effects.append(.watch(sample.id)) }
        return effects
    }

    private mutating func progress(_ event: ProgressEvent) -> [Effect] {
        let isStemJob = event.stemJobID != nil
        // The list follows the job live: its sample is being processed from its first step.
        if !isStemJob, !event.isFinal { setStatus(.processing, of: event.sampleID) }
        guard let index = jobs.firstIndex(where: { $0.follows(event) }) else { return [] }
        var row = jobs[index]
        row.step = event.step
        row.message = event.error.map { "\($0.code): \($0.message)" } ?? event.message
        switch event.status {
        case .completed:
            row.state = .done
            row.progress = 1
            row.step = "done"
            row.message = isStemJob ? "stems ready under the sample" : "in the library"
            row.finishedAt = now
        case .failed:
            row.state = .failed
            row.finishedAt = now
        case .pending, .processing:
            row.state = .active
            row.progress = max(row.progress, JobRow.overall(step: event.step, fraction: event.fraction, stems: isStemJob))
        }
        jobs[index] = row
        guard event.isFinal else { return [] }
        watched.remove(event.subject)
        if isStemJob { return stemJobEnded(event, row: row) }
        if event.status == .failed { show(error: "\(row.source): \(row.message)") }
        // The sample's row shows how it ended; the selection stays.
        return reload(quiet: true)
    }

    /// Marks a sample of the rows loaded as being in `status` (the list follows its job live,
    /// between two loads).
    private mutating func setStatus(_ status: SampleStatus, of id: UUID) {
        for (index, page) in pages {
            guard let offset = page.firstIndex(where: { $0.id == id }), page[offset].status != status,
                  page[offset].status != .completed else { continue }
            pages[index]?[offset].status = status
        }
    }

    private mutating func jobsLoaded(_ infos: [JobInfo]) -> [Effect] {
        var effects: [Effect] = []
        for info in infos where info.status != .done && info.status != .failed {
            let isStemJob = info.kind == .stems
            if !isStemJob, info.status == .running || info.status == .retrying { setStatus(.processing, of: info.sampleID) }
            let stemJobID = isStemJob ? info.id : nil
            if !jobs.contains(where: { $0.stemJobID == stemJobID && $0.sampleID == info.sampleID }) {
                jobs.append(JobRow(sampleID: info.sampleID, stemJobID: stemJobID, source: info.source,
                                   step: info.step ?? info.status.rawValue,
                                   progress: JobRow.overall(step: info.step ?? "", fraction: info.progress, stems: isStemJob),
                                   message: info.lastError.map { "retrying: \($0.message)" } ?? info.status.rawValue,
                                   state: .active))
            }
            let subject = stemJobID ?? info.sampleID
            if watched.insert(subject).inserted { effects.append(isStemJob ? .watchStems(subject) : .watch(subject)) }
        }
        return effects
    }

    // MARK: messages

    /// Shows information in the status line for a few seconds, and keeps it in the message log.
    mutating func show(info text: String) {
        let shown = StatusMessage(text: text, isError: false, expires: now + Self.messageSeconds)
        message = shown
        messageLog.append(shown, at: now)
    }

    /// Shows an error in the status line until the next key, and keeps it in the message log.
    mutating func show(error text: String) {
        let shown = StatusMessage(text: text, isError: true, expires: nil)
        message = shown
        messageLog.append(shown, at: now)
    }
}
