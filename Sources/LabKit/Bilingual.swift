// Everything a student reads exists in French and in English. A `Bilingual` value holds both
// sides of one pair of sibling elements (`<p xml:lang="fr">` then `<p xml:lang="en">`), so the
// renderer asks for `text[language]` and can never forget a translation.

/// The two languages of the course. French comes first: the course was written in French.
public enum Language: String, Sendable, CaseIterable, Comparable {
    case fr, en

    /// The other language, for the "read this page in…" switch.
    public var other: Language { self == .fr ? .en : .fr }

    /// The language's name, written in that language.
    public var nativeName: String { self == .fr ? "Français" : "English" }

    public static func < (a: Language, b: Language) -> Bool { a == .fr && b == .en }
}

/// One value per language.
public struct Bilingual<Value: Sendable>: Sendable {
    public var fr: Value
    public var en: Value

    public init(fr: Value, en: Value) {
        self.fr = fr
        self.en = en
    }

    public subscript(language: Language) -> Value { language == .fr ? fr : en }

    /// Builds both sides from one function of the language.
    public init(_ make: (Language) -> Value) {
        self.init(fr: make(.fr), en: make(.en))
    }
}

extension Bilingual: Equatable where Value: Equatable {}
