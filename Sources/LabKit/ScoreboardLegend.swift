// The letters of Apache's scoreboard, as `server-status` prints them: one character per worker
// slot. mpmd prints the same letters, so what students learn here reads real Apache pages too.

public enum ScoreboardLegend {
    public struct Entry: Sendable {
        public let letter: Character
        public let meaning: Bilingual<String>
    }

    public static let entries: [Entry] = [
        Entry(letter: "_", meaning: Bilingual(fr: "En attente d’une connexion", en: "Waiting for connection")),
        Entry(letter: "S", meaning: Bilingual(fr: "Démarrage", en: "Starting up")),
        Entry(letter: "R", meaning: Bilingual(fr: "Lecture de la requête", en: "Reading request")),
        Entry(letter: "W", meaning: Bilingual(fr: "Envoi de la réponse", en: "Sending reply")),
        Entry(letter: "K", meaning: Bilingual(fr: "Keep-alive (attente de la requête suivante)", en: "Keepalive (read)")),
        Entry(letter: "D", meaning: Bilingual(fr: "Résolution DNS", en: "DNS lookup")),
        Entry(letter: "C", meaning: Bilingual(fr: "Fermeture de la connexion", en: "Closing connection")),
        Entry(letter: "L", meaning: Bilingual(fr: "Écriture du journal", en: "Logging")),
        Entry(letter: "G", meaning: Bilingual(fr: "Arrêt en douceur (graceful)", en: "Gracefully finishing")),
        Entry(letter: "I", meaning: Bilingual(fr: "Nettoyage d’un worker inactif", en: "Idle cleanup of worker")),
        Entry(letter: ".", meaning: Bilingual(fr: "Emplacement libre, sans processus", en: "Open slot with no current process")),
    ]
}
