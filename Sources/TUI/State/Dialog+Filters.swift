import Model

extension Dialog {
    /// The filters of a list, as a dialog to edit them.
    static func filters(for query: SampleQuery) -> Dialog {
        let statuses = ["any"] + SampleFormat.statusFilters.map(\.word)
        let status = query.status.flatMap { statuses.firstIndex(of: SampleFormat.status($0)) } ?? 0
        return Dialog(kind: .filters, title: "Filters", fields: [
            .text("bpm from", query.bpmMin.map(SampleFormat.number) ?? "", placeholder: "e.g. 90"),
            .text("bpm to", query.bpmMax.map(SampleFormat.number) ?? "", placeholder: "e.g. 110"),
            .text("key", query.key?.shortName ?? "", placeholder: "Am, F# major, 8A"),
            .text("mixes with", query.compatibleWith?.shortName ?? "", placeholder: "a key: same, ±1 fifth, relative"),
            .choice("status", statuses, selected: status),
        ])
    }

    /// What the fields of a filters dialog say (and `settings.toml` keeps).
    public struct Filters: Sendable, Equatable {
        /// The lowest tempo.
        public var bpmMin: Double?
        /// The highest tempo.
        public var bpmMax: Double?
        /// That key only.
        public var key: MusicalKey?
        /// The keys that mix with this one.
        public var compatibleWith: MusicalKey?
        /// That status only.
        public var status: SampleStatus?

        /// Filters (none by default).
        public init(bpmMin: Double? = nil, bpmMax: Double? = nil, key: MusicalKey? = nil, compatibleWith: MusicalKey? = nil,
                    status: SampleStatus? = nil) {
            self.bpmMin = bpmMin
            self.bpmMax = bpmMax
            self.key = key
            self.compatibleWith = compatibleWith
            self.status = status
        }
    }

    /// Reads a filters dialog; a field that cannot be read gives a message naming it.
    static func parseFilters(_ dialog: Dialog) -> Result<Filters, SampleTokError> {
        func text(_ i: Int) -> String { dialog.fields[i].text.trimmingCharacters(in: .whitespaces) }
        func bpm(_ i: Int) -> Result<Double?, SampleTokError> {
            let value = text(i)
            if value.isEmpty { return .success(nil) }
            guard let number = Double(value), number.isFinite, number > 0, number < 1000 else {
                return .failure(.invalid("'\(value)' is not a tempo: type a number of BPM such as 96, or leave it empty."))
            }
            return .success(number)
        }
        func key(_ i: Int) -> Result<MusicalKey?, SampleTokError> {
            let value = text(i)
            if value.isEmpty { return .success(nil) }
            guard let key = MusicalKey(parsing: value) else {
                return .failure(.invalid("'\(value)' is not a key: try Am, F# major, Bb or a Camelot code such as 8A."))
            }
            return .success(key)
        }
        do throws(SampleTokError) {
            let low = try bpm(0).get(), high = try bpm(1).get()
            if let low, let high, low > high {
                return .failure(.invalid("The tempo range is upside down: \(SampleFormat.number(low)) is above \(SampleFormat.number(high))."))
            }
            let status = SampleFormat.statusFilters.first { $0.word == dialog.fields[4].value }?.status
            return .success(Filters(bpmMin: low, bpmMax: high, key: try key(2).get(), compatibleWith: try key(3).get(),
                                    status: status))
        } catch {
            return .failure(error)
        }
    }
}
