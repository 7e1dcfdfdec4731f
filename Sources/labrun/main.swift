// labrun: runs a lab's code exercise outside the server, for the checks that test it alone.
// It loads the student's libLabExercises.so, calls it and prints what it returned; the check
// that started it (a separate, trusted process) decides whether that is right.
import Posix

Process.exit(LabRun.main(Array(CommandLine.arguments.dropFirst())))
