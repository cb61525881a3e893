import Foundation
import Playback
import Testing

@Suite("HLS playlists")
struct PlaylistTests {
    let base = URL(string: "http://host/files/samples/a/hls/index.m3u8")!

    @Test("a VOD fMP4 playlist gives the init section, segments with start times, and completeness")
    func parses() throws {
        let text = """
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-TARGETDURATION:2
            #EXT-X-PLAYLIST-TYPE:VOD
            #EXT-X-MAP:URI="init.mp4"
            #EXTINF:2.005333,
            seg_000.m4s
            #EXTINF:2.005333,
            seg_001.m4s
            #EXTINF:1.3,
            seg_002.m4s
            #EXT-X-ENDLIST
            """
        let playlist = try HLSPlaylist(parsing: text, base: base)
        #expect(playlist.initSection?.absoluteString == "http://host/files/samples/a/hls/init.mp4")
        #expect(playlist.segments.map(\.url.lastPathComponent) == ["seg_000.m4s", "seg_001.m4s", "seg_002.m4s"])
        #expect(abs(playlist.duration - 5.310666) < 1e-6)
        #expect(playlist.isComplete)
        #expect(playlist.segmentIndex(at: 0) == 0)
        #expect(playlist.segmentIndex(at: 2.1) == 1)
        #expect(playlist.segmentIndex(at: 99) == 2)
    }

    @Test("broken playlists are refused with playback.bad_playlist", arguments: [
        "", "not a playlist", "#EXTM3U\nseg.m4s", "#EXTM3U\n#EXTINF:abc,\nseg.m4s", "#EXTM3U\n#EXT-X-ENDLIST",
    ])
    func refuses(text: String) {
        let error = #expect(throws: PlaybackError.self) { try HLSPlaylist(parsing: text, base: base) }
        #expect(error?.code == "playback.bad_playlist")
    }
}
