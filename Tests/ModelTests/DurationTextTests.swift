import Model
import Testing

/// One rounding rule for durations and positions, shared by the app, the CLI and error messages.
@Suite("durations as text")
struct DurationTextTests {
    @Test("m:ss to the nearest second, halves up; h:mm:ss from an hour; a placeholder when unknown")
    func clock() {
        #expect(DurationText.clock(0) == "0:00")
        #expect(DurationText.clock(2.4) == "0:02")
        #expect(DurationText.clock(2.5) == "0:03")
        #expect(DurationText.clock(2.6) == "0:03", "a 2.6 s clip reads 0:03 in the app and the CLI alike")
        #expect(DurationText.clock(59.6) == "1:00")
        #expect(DurationText.clock(185) == "3:05")
        #expect(DurationText.clock(3725) == "1:02:05")
        #expect(DurationText.clock(nil) == "-:--")
        #expect(DurationText.clock(nil, unknown: "–") == "–")
        #expect(DurationText.clock(-1) == "-:--")
        #expect(DurationText.clock(.infinity) == "-:--")
        #expect(DurationText.clock(.nan) == "-:--")
    }
}

/// `~` in typed paths is `$HOME`.
@Suite("~ in paths")
struct HomePathTests {
    @Test("~ and ~/x take the home folder; other paths, ~user among them, stay as typed")
    func expanding() {
        #expect(HomePath.expandingTilde("~", home: "/home/ada") == "/home/ada")
        #expect(HomePath.expandingTilde("~/Music/x", home: "/home/ada") == "/home/ada/Music/x")
        #expect(HomePath.expandingTilde("~/Music/x", home: "/home/ada/") == "/home/ada/Music/x")
        #expect(HomePath.expandingTilde("/tmp/~/x", home: "/home/ada") == "/tmp/~/x")
        #expect(HomePath.expandingTilde("~bob/x", home: "/home/ada") == "~bob/x")
        #expect(HomePath.expandingTilde("https://x/~/y", home: "/home/ada") == "https://x/~/y")
    }

    @Test("the home folder is $HOME when it is set")
    func current() {
        #expect(HomePath.current(environment: ["HOME": "/srv/ada"]) == "/srv/ada")
        #expect(!HomePath.current(environment: [:]).isEmpty)
    }
}
