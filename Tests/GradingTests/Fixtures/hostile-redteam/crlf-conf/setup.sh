# An honest student: the reference counter, answers and student.conf, but student.conf saved
# with Windows line endings (CRLF).
cp "$REPOSITORY/Sources/LabExercises/SharedCounter.swift" .
sed -i 's/$/\r/' student.conf
