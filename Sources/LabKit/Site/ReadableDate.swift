// Dates shown on the site: reports and live captures carry `xsd:dateTime` in UTC
// (`2026-11-27T05:00:00Z`); a page shows `2026-11-27 05:00 UTC` and keeps the exact value in
// `<time datetime>`.

enum ReadableDate {
    static func of(_ iso: String) -> String {
        guard iso.count >= 16, iso.hasSuffix("Z") else { return iso }
        let chars = Array(iso)
        return String(chars[0..<10]) + " " + String(chars[11..<16]) + " UTC"
    }
}
