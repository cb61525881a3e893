import Model
import Testing

@Suite("search syntax: fields beside the words, parsed once for the app, the CLI and the API")
struct SearchSyntaxTests {
    @Test("the fields of the issue's example, and the words left over")
    func example() throws {
        let syntax = SearchSyntax(parsing: "trap bpm:90-110 key:Am camelot:8A status:failed bells")
        #expect(syntax.text == "trap bells")
        #expect(syntax.filters.bpmMin == 90 && syntax.filters.bpmMax == 110)
        #expect(syntax.filters.key == MusicalKey(parsing: "8A"))
        #expect(syntax.filters.status == .failed)
        #expect(syntax.filters.bpmHalfDouble == nil)
        #expect(syntax.ignored.isEmpty)
    }

    @Test("tempo forms: one tempo ±2, a range either way round, bounds, half and double time")
    func tempo() {
        func range(_ text: String) -> (Double?, Double?, Bool?) {
            let filters = SearchSyntax(parsing: "bpm:\(text)").filters
            return (filters.bpmMin, filters.bpmMax, filters.bpmHalfDouble)
        }
        #expect(range("120") == (118, 122, nil))
        #expect(range("110-90") == (90, 110, nil))
        #expect(range("92.5-100") == (92.5, 100, nil))
        #expect(range(">100") == (100, nil, nil))
        #expect(range(">=100") == (100, nil, nil))
        #expect(range("<90") == (nil, 90, nil))
        #expect(range("~90-110") == (90, 110, true))
    }

    @Test("keys, compatible keys, scales and statuses by the names the app shows")
    func otherFields() {
        #expect(SearchSyntax(parsing: "key:F#m").filters.key == MusicalKey(parsing: "F# minor"))
        #expect(SearchSyntax(parsing: "key:a-minor").filters.key == MusicalKey(parsing: "Am"))
        #expect(SearchSyntax(parsing: "mix:8A").filters.compatibleWith == MusicalKey(parsing: "Am"))
        #expect(SearchSyntax(parsing: "compatible:Am").filters.compatibleWith == MusicalKey(parsing: "Am"))
        #expect(SearchSyntax(parsing: "scale:Minor").filters.scale == .minor)
        #expect(SearchSyntax(parsing: "status:ready").filters.status == .completed)
        #expect(SearchSyntax(parsing: "status:working").filters.status == .processing)
        #expect(SearchSyntax(parsing: "STATUS:pending").filters.status == .pending)
    }

    @Test("a field still being typed filters nothing and is not searched; an unknown field is words")
    func partialAndUnknown() {
        let typing = SearchSyntax(parsing: "kick bpm: key:A# status:fai")
        #expect(typing.text == "kick")
        #expect(typing.filters == SampleQuery(key: MusicalKey(parsing: "A# major")))
        #expect(typing.ignored == ["bpm:", "status:fai"])
        #expect(SearchSyntax(parsing: "feat:drake loop").text == "feat:drake loop")
        #expect(SearchSyntax(parsing: "bpm:90-100-110").ignored == ["bpm:90-100-110"])
        #expect(SearchSyntax(parsing: "  ").text == nil)
        #expect(SampleQuery(search: "bpm:120").searchSyntax?.text == nil)
        #expect(SampleQuery().searchSyntax == nil)
    }

    @Test("starred:yes and starred:no filter by the user's stars; another value filters nothing")
    func starred() {
        for text in ["starred:yes", "STARRED:true", "starred:1"] {
            #expect(SearchSyntax(parsing: "\(text) kick").filters.starred == true, "\(text)")
        }
        #expect(SearchSyntax(parsing: "starred:no").filters.starred == false)
        let odd = SearchSyntax(parsing: "starred:maybe kick")
        #expect(odd.filters.starred == nil && odd.ignored == ["starred:maybe"] && odd.text == "kick")
    }
}
