// The words of the site's own chrome (navigation, headings, table headers), in both languages.
// Course text lives in the XML documents; only the interface's vocabulary lives here.

enum Label: Equatable {
    case siteName, home, chapters, labs, directives, scoreboard, classSummary, reports
    case skipToContent, readIn, objectives, exercises, steps, checks, points, check, test
    case ifItFails, observe, kind(Exercise.Kind), lab(Int), previous, next, contents
    case syntax, defaultValue, context, mpms, noDirectives, letter, meaning
    case student, date, toolchain, status, earned, message, measures, total, passRate, results
    case latestResult, notBacked, footer, chooseLanguage, tagline, nothingYet, labWord
    case notCheckedYet, live, liveIntro, noLive, hiddenCheck

    func text(_ language: Language) -> String {
        let (fr, en) = pair
        return language == .fr ? fr : en
    }

    private var pair: (String, String) {
        switch self {
        case .siteName: ("MPMLab", "MPMLab")
        case .tagline: ("Processus, threads et les trois MPM d’Apache", "Processes, threads and Apache’s three MPMs")
        case .home: ("Accueil", "Home")
        case .chapters: ("Chapitres", "Chapters")
        case .labs: ("Travaux pratiques", "Labs")
        case .directives: ("Directives", "Directives")
        case .scoreboard: ("Tableau des états", "Scoreboard")
        case .classSummary: ("Bilan de la classe", "Class summary")
        case .reports: ("Comptes rendus", "Reports")
        case .skipToContent: ("Aller au contenu", "Skip to content")
        case .readIn: ("Lire en français", "Read in English")
        case .objectives: ("Objectifs", "Objectives")
        case .exercises: ("Exercices", "Exercises")
        case .steps: ("Étapes", "Steps")
        case .checks: ("Vérifications", "Checks")
        case .points: ("points", "points")
        case .check: ("Vérification", "Check")
        case .test: ("Test", "Test")
        case .ifItFails: ("En cas d’échec", "If it fails")
        case .hiddenCheck: ("cachée : notée au rendu du travail", "hidden: graded when the work is handed in")
        case .observe: ("À observer", "Observe")
        case .kind(let kind):
            switch kind {
            case .config: ("configuration", "configuration")
            case .code: ("code", "code")
            case .measure: ("mesure", "measurement")
            case .question: ("question", "question")
            }
        case .lab(let n): ("TP \(n)", "Lab \(n)")
        case .previous: ("Précédent", "Previous")
        case .next: ("Suivant", "Next")
        case .contents: ("Sommaire", "Contents")
        case .syntax: ("Syntaxe", "Syntax")
        case .defaultValue: ("Défaut", "Default")
        case .context: ("Contexte", "Context")
        case .mpms: ("MPM", "MPMs")
        case .noDirectives: ("Aucune table de directives n’est reliée à ce rendu : la référence est vide.",
                             "No directives table linked to this build: the reference is empty.")
        case .letter: ("Lettre", "Letter")
        case .meaning: ("Signification", "Meaning")
        case .student: ("Étudiant·e", "Student")
        case .date: ("Date", "Date")
        case .toolchain: ("Chaîne d’outils", "Toolchain")
        case .status: ("Résultat", "Result")
        case .earned: ("Points", "Points")
        case .message: ("Message", "Message")
        case .measures: ("Mesures", "Measurements")
        case .total: ("Total", "Total")
        case .passRate: ("Taux de réussite", "Pass rate")
        case .results: ("Résultats", "Results")
        case .latestResult: ("dernier résultat", "latest result")
        case .notCheckedYet: ("pas encore vérifié", "not checked yet")
        case .live: ("Sur un serveur en fonctionnement", "On a running server")
        case .liveIntro: ("Ces tableaux de bord ont été relevés par mpmlab site, au moment où ce site a été produit, sur un vrai mpmd lancé avec chacun des trois MPM : deux requêtes lentes en cours et deux clients keep-alive inactifs. Une case par emplacement, une ligne par processus (sous prefork, seize processus par ligne).",
                          "These scoreboards were taken by mpmlab site, when this site was built, from a real mpmd started with each of the three MPMs: two slow requests in progress and two idle keep-alive clients. One square per slot, one row per process (under prefork, sixteen processes a row).")
        case .noLive: ("Aucun serveur n’a pu être lancé pendant le rendu de ce site (mpmd absent à côté de mpmlab) : pas de relevé en direct.",
                       "No server could be started while this site was rendered (no mpmd beside mpmlab): no live capture.")
        case .notBacked: ("aucun TP ne vérifie encore cette affirmation", "no lab checks this claim yet")
        case .footer: ("MPMLab — support de cours. Page générée, lisible sans JavaScript.",
                       "MPMLab — course kit. Generated page, readable without JavaScript.")
        case .labWord: ("TP", "Lab")
        case .nothingYet: ("Rien pour l’instant.", "Nothing yet.")
        case .chooseLanguage: ("Choisissez votre langue", "Choose your language")
        }
    }
}

extension CheckResult.Status {
    func label(_ language: Language) -> String {
        switch self {
        case .pass: language == .fr ? "réussi" : "pass"
        case .fail: language == .fr ? "échoué" : "fail"
        case .error: language == .fr ? "erreur" : "error"
        }
    }
}
