# An honest student: the reference counter and answers, but answers.txt saved with Windows
# line endings (CRLF), as Notepad or git's autocrlf would.
cp "$REPOSITORY/Sources/LabExercises/SharedCounter.swift" .
sed -i 's/$/\r/' answers.txt
