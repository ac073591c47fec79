/// The language of an answer where its file gives none, by script alone: an answer whose letters
/// are mostly CJK ideographs (or kana/hangul) is `zh`, any other is `en`. Enough to separate the
/// Chinese latent-jailbreak answers from the English sets for per-language figures; not a
/// language identifier (Japanese or Korean would count as zh, French as en).
public enum AnswerScript {
    public static func language(of text: String) -> String {
        var cjk = 0, letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            if isCJK(scalar) { cjk += 1 }
        }
        return letters > 0 && cjk * 2 > letters ? "zh" : "en"
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2FA1F, 0xF900...0xFAFF,  // ideographs
             0x3040...0x30FF, 0xAC00...0xD7AF: true  // kana, hangul
        default: false
        }
    }

    /// The sample with its language filled in when missing.
    public static func filled(_ sample: SafetySample) -> SafetySample {
        guard sample.language == nil else { return sample }
        var s = sample
        s.language = language(of: sample.answer)
        return s
    }
}
