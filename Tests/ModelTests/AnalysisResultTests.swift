import Foundation
import Model
import Testing

@Suite struct AnalysisResultTests {
    @Test func jsonHasExactlyTheDocumentedFields() throws {
        let result = AnalysisResult(durationSeconds: 12.5, bpm: 127.9, bpmConfidence: 0.8,
                                    key: MusicalKey(tonic: .a, scale: .minor), keyConfidence: 0.7,
                                    loudnessLUFS: -9.4)
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["duration_s", "bpm", "bpm_confidence", "key", "scale",
                                     "key_confidence", "key_alternative", "camelot", "loudness_lufs", "beats", "downbeat"])
        #expect(object["beats"] is NSNull && object["downbeat"] is NSNull, "no grid: null, not left out")
        #expect(object["key"] as? String == "A")
        #expect(object["scale"] as? String == "minor")
        #expect(object["camelot"] as? String == "8A")
        #expect(object["bpm"] as? Double == 127.9)
        #expect(try JSONDecoder().decode(AnalysisResult.self, from: data) == result)
    }

    @Test func aMissingKeyIsNullNotAbsent() throws {
        let result = AnalysisResult(durationSeconds: 0, bpm: 0, bpmConfidence: 0, key: nil,
                                    keyConfidence: 0, loudnessLUFS: -70)
        let text = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(text.contains("\"key\":null"))
        #expect(text.contains("\"camelot\":null"))
        #expect(try JSONDecoder().decode(AnalysisResult.self, from: Data(text.utf8)).musicalKey == nil)
    }

    /// A nearly tied second key travels as its name ("C major") and comes back; a result without
    /// a key has none, and JSON written before the field existed reads without it.
    @Test func theSecondKeyIsItsNameAndOptional() throws {
        let result = AnalysisResult(durationSeconds: 8, bpm: 100, bpmConfidence: 0.9,
                                    key: MusicalKey(tonic: .a, scale: .minor), keyConfidence: 0.3,
                                    keyAlternative: MusicalKey(tonic: .c, scale: .major), loudnessLUFS: -12)
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["key_alternative"] as? String == "C major")
        #expect(try JSONDecoder().decode(AnalysisResult.self, from: data) == result)
        let keyless = AnalysisResult(durationSeconds: 1, bpm: 0, bpmConfidence: 0, key: nil, keyConfidence: 0,
                                     keyAlternative: MusicalKey(tonic: .c, scale: .major), loudnessLUFS: -70)
        #expect(keyless.keyAlternative == nil)
        let old = #"{"duration_s":1,"bpm":90,"bpm_confidence":1,"key":"A","scale":"minor","key_confidence":1,"camelot":"8A","loudness_lufs":-14}"#
        #expect(try JSONDecoder().decode(AnalysisResult.self, from: Data(old.utf8)).keyAlternative == nil)
    }

    @Test func sharpNamesAreWrittenAndFlatsAreRead() throws {
        let json = #"{"duration_s":1,"bpm":90,"bpm_confidence":1,"key":"Bb","scale":"major","key_confidence":1,"camelot":"6B","loudness_lufs":-14}"#
        let result = try JSONDecoder().decode(AnalysisResult.self, from: Data(json.utf8))
        #expect(result.musicalKey == MusicalKey(tonic: .aSharp, scale: .major))
        #expect(String(decoding: try JSONEncoder().encode(result), as: UTF8.self).contains(#""key":"A#""#))
    }
}
