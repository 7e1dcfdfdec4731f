# An honest student: the reference counter, answers and student.conf, plus one comment line
# that happens to hold the word "listen". TestServer adds `Listen 127.0.0.1:0` only when the
# configuration text does not contain "listen " anywhere, comments included.
cp "$REPOSITORY/Sources/LabExercises/SharedCounter.swift" .
printf '# My notes: the single child must listen to six clients at once.\n' >> student.conf
