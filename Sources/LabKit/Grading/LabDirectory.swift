// Finding a lab by its number: `labs/NN-slug/lab.xml`, NN on two digits. Students type
// `mpmlab show 1`; the folder name carries the number so that `ls labs/` lists them in order.
import Posix

public enum LabDirectory {
    /// The folders of every lab, in order: `root/labs/NN-slug`.
    public static func all(root: String) throws(SystemError) -> [String] {
        try FileSystem.glob(root + "/labs/*/lab.xml").map { FileSystem.dirname(of: $0) }.sorted()
    }

    /// The folder of lab `number`, or nil.
    public static func folder(root: String, number: Int) throws(SystemError) -> String? {
        let prefix = number < 10 ? "0\(number)-" : "\(number)-"
        return try all(root: root).first { FileSystem.basename(of: $0).hasPrefix(prefix) }
    }

    /// Where `mpmlab check` keeps a lab's latest report when no other file is named.
    public static func latestReportPath(root: String, lab: String) -> String {
        root + "/reports/" + lab + ".xml"
    }
}

extension Language {
    /// The language a `LANG`-style locale asks for (`fr_FR.UTF-8` → French); English otherwise.
    public static func fromLocale(_ locale: String?) -> Language {
        guard let locale, locale.lowercased().hasPrefix("fr") else { return .en }
        return .fr
    }
}
