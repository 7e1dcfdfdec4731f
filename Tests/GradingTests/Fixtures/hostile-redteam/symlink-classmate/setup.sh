# No file of its own: the kit layout, with its two folders linked (relative links, as git
# stores them) to a classmate's flat submission. No absolute path is needed.
rm -f student.conf answers.txt SharedCounter.swift
mkdir -p labs Sources
ln -s ../../alice labs/02-threads
ln -s ../../alice Sources/LabExercises
