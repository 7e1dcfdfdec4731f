// The one directive that is MPMLab's own: `LabExercise` switches on a lab's code exercise,
// so that the student's code (Sources/LabExercises) runs inside the live server. Without it
// the server behaves exactly as Apache would, whatever the exercise files contain. The code
// itself is a shared object that mpmd loads as httpd loads a module:
// `LoadModule lab_exercises_module FILE` (see Directives+Structure), by default the
// libLabExercises.so that `swift build` writes beside mpmd.
import Posix

extension Directives {
    /// The code exercises the server knows how to plug in.
    public static let labExerciseNames = ["counter", "keep-alive"]
    /// The module name under which `LoadModule` loads the exercises' shared object.
    public static let labExercisesModule = "lab_exercises_module"

    static let lab: [DirectiveSpec] = [
        DirectiveSpec(
            "LabExercise", syntax: "LabExercise counter|keep-alive ...",
            arity: .oneOrMore, summary: "Runs a lab's code exercise inside the server (mpmd only)",
            en: "Plugs the student's code of a lab exercise into the running server: `counter` serves /lab/exercise/counter with the counter of lab 2, `keep-alive` lets the keep-alive decision of lab 3 close connections. Not an Apache directive: without it, mpmd behaves as Apache does.",
            fr: "Branche le code écrit par l'étudiant pour un exercice dans le serveur en marche : `counter` sert /lab/exercise/counter avec le compteur du TP 2, `keep-alive` laisse la décision de keep-alive du TP 3 fermer les connexions. Ce n'est pas une directive d'Apache : sans elle, mpmd se comporte comme Apache."
        ) { state, call throws(DirectiveError) in
            for name in call.arguments {
                guard labExerciseNames.contains(name.lowercased()) else {
                    throw DirectiveError("LabExercise: unknown exercise '\(name)' (known: \(labExerciseNames.joined(separator: ", ")))")
                }
                state.config.labExercises.insert(name.lowercased())
            }
        },
    ]
}
