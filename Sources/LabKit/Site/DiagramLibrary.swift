// The course's diagrams, one function per `<diagram kind>`. Each draws the same picture in
// either language: the master and its children as boxes, threads inside them, arrows for
// `fork()` and for connections. Shapes are laid out on a 640-wide canvas that scales with CSS.

struct DiagramLibrary {
    let language: Language

    private func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }

    func diagram(_ kind: String) -> Diagram? {
        switch kind {
        case "prefork": prefork()
        case "worker": threaded(event: false)
        case "event": threaded(event: true)
        case "fork-cow": forkCopyOnWrite()
        case "keepalive-worker": keepAlive(event: false)
        case "keepalive-event": keepAlive(event: true)
        case "address-spaces": addressSpaces()
        default: nil
        }
    }

    /// The master on top, linked by `fork()` arrows to the children below.
    private func master(_ d: inout Diagram, children centres: [Double], childTop: Double) {
        d.box(220, 16, 200, 54, t("Processus maître", "Master process"), note: t("root · lit la config", "root · reads the config"), .master)
        for (i, x) in centres.enumerated() {
            d.arrow((320, 70), (x, childTop - 2), i == 0 ? "fork()" : nil)
        }
    }

    private func prefork() -> Diagram {
        var d = Diagram(width: 640, height: 360, title: t("MPM prefork", "The prefork MPM"),
                        description: t("Le processus maître crée par fork() quatre enfants mono-thread ; chacun appelle accept() sur le socket d’écoute partagé et garde sa connexion jusqu’au bout.",
                                       "The master process forks four single-threaded children; each calls accept() on the shared listening socket and keeps its connection to the end."))
        let xs: [Double] = [16, 172, 328, 484]
        master(&d, children: xs.map { $0 + 70 }, childTop: 130)
        for (i, x) in xs.enumerated() {
            d.box(x, 130, 140, 110, t("Enfant \(i + 1)", "Child \(i + 1)"), note: "PID \(101 + i)", .process)
            let busy = i < 3
            d.box(x + 15, 186, 110, 40, busy ? t("1 connexion", "1 connection") : t("dans accept()", "in accept()"), busy ? .busy : .idle)
            d.arrow((x + 70, 240), (x + 70, 284), i == 0 ? "accept()" : nil)
        }
        d.box(16, 286, 608, 40, t("socket d’écoute :80, hérité du maître", "listening socket :80, inherited from the master"), .listener)
        d.caption(16, 350, t("1 processus = 1 thread = 1 connexion à la fois, attente keep-alive comprise",
                             "1 process = 1 thread = 1 connection at a time, keep-alive wait included"))
        return d
    }

    private func threaded(event: Bool) -> Diagram {
        let title = event ? t("MPM event", "The event MPM") : t("MPM worker", "The worker MPM")
        let description = event
            ? t("Le maître crée deux enfants. Dans chacun, un thread d’écoute surveille avec epoll le socket d’écoute et les connexions en attente, et ne confie une connexion à un thread de travail que lorsqu’une requête est prête.",
                "The master forks two children. In each, a listener thread watches the listening socket and the parked connections with epoll, and hands a connection to a worker thread only when a request is ready.")
            : t("Le maître crée deux enfants ; dans chacun, un thread d’écoute accepte une connexion seulement quand un thread de travail est libre, et ce thread la garde jusqu’à la fermeture.",
                "The master forks two children; in each, a listener thread accepts a connection only when a worker thread is idle, and that thread keeps it until the close.")
        var d = Diagram(width: 640, height: event ? 376 : 336, title: title, description: description)
        let xs: [Double] = [16, 332]
        master(&d, children: xs.map { $0 + 146 }, childTop: 130)
        for (c, x) in xs.enumerated() {
            d.box(x, 130, 292, event ? 230 : 190, t("Enfant \(c + 1)", "Child \(c + 1)"), note: "PID \(201 + c)", .process)
            d.box(x + 14, 176, 264, 44, t("thread d’écoute", "listener thread"),
                  note: event ? t("epoll : socket d’écoute + connexions en attente", "epoll: listening socket + parked connections")
                              : t("accept() seulement si un thread est libre", "accept() only when a thread is idle"), .listener)
            for i in 0..<6 {
                let busy = event ? i < 2 : i < 4
                let tx = x + 14 + Double(i % 3) * 90, ty = 230 + Double(i / 3) * 42
                d.box(tx, ty, 84, 34, busy ? t("requête", "request") : t("libre", "free"), busy ? .busy : .idle)
            }
            if event {
                d.box(x + 14, 316, 264, 30, t("3 connexions keep-alive en attente", "3 keep-alive connections parked"), .client)
            }
        }
        return d
    }

    private func forkCopyOnWrite() -> Diagram {
        var d = Diagram(width: 640, height: 304, title: t("fork() et la copie sur écriture", "fork() and copy-on-write"),
                        description: t("Après fork(), parent et enfant partagent les mêmes pages physiques en lecture seule ; quand l’enfant écrit dans la page C, le noyau lui en donne une copie, C′.",
                                       "After fork(), parent and child share the same physical pages, read-only; when the child writes to page C, the kernel gives it a copy, C′."))
        // Three columns, so no arrow crosses another: parent, physical memory, child.
        let rows: [Double] = [56, 108, 160, 212]
        d.box(16, 16, 170, 200, t("Parent (PID 100)", "Parent (PID 100)"), .process)
        d.box(235, 16, 170, 252, t("Mémoire physique", "Physical memory"), .memory)
        d.box(454, 16, 170, 200, t("Enfant (PID 101)", "Child (PID 101)"), .process)
        for (i, page) in ["A", "B", "C"].enumerated() {
            d.box(46, rows[i], 110, 40, page, .page)
            d.box(265, rows[i], 110, 40, page, .page)
            d.box(484, rows[i], 110, 40, i == 2 ? "C′" : page, i == 2 ? .copied : .page)
            d.arrow((156, rows[i] + 20), (263, rows[i] + 20))
        }
        d.box(265, rows[3], 110, 40, "C′", .copied)
        d.arrow((484, rows[0] + 20), (377, rows[0] + 20), nil, dashed: true)
        d.arrow((484, rows[1] + 20), (377, rows[1] + 20), nil, dashed: true)
        d.arrow((484, rows[2] + 30), (377, rows[3] + 16), nil)
        d.caption(16, 292, t("A et B restent partagées en lecture seule ; C′ est copiée quand l’enfant écrit dans C.",
                             "A and B stay shared, read-only; C′ is copied when the child writes to C."))
        return d
    }

    private func keepAlive(event: Bool) -> Diagram {
        event ? keepAliveEvent() : keepAliveWorker()
    }

    private func keepAliveWorker() -> Diagram {
        var d = Diagram(width: 640, height: 290, title: t("Keep-alive avec worker", "Keep-alive with worker"),
                        description: t("Trois clients gardent leur connexion ouverte sans rien demander : chacun bloque un thread dans read() (état K). Tous les threads étant pris, un nouveau client attend dans la file du noyau.",
                                       "Three clients keep their connection open without asking anything: each one holds a thread blocked in read() (state K). With every thread taken, a new client waits in the kernel's queue."))
        d.box(300, 16, 324, 200, t("Enfant (3 threads)", "Child (3 threads)"), .process)
        for i in 0..<3 {
            let y = 30 + Double(i) * 60
            d.box(16, y, 150, 40, t("client \(i + 1) (inactif)", "client \(i + 1) (idle)"), .client)
            d.box(320, 46 + Double(i) * 56, 284, 40, t("thread \(i + 1) : bloqué dans read() — K", "thread \(i + 1): blocked in read() — K"), .busy)
            d.arrow((166, y + 20), (318, 66 + Double(i) * 56), i == 0 ? "keep-alive" : nil)
        }
        d.box(16, 230, 150, 40, t("nouveau client", "new client"), .client)
        d.box(300, 230, 324, 40, t("file d’attente du noyau (backlog)", "kernel queue (listen backlog)"), .memory)
        d.arrow((166, 250), (298, 250), t("attend", "waits"))
        return d
    }

    private func keepAliveEvent() -> Diagram {
        var d = Diagram(width: 640, height: 290, title: t("Keep-alive avec event", "Keep-alive with event"),
                        description: t("Les connexions inactives sont mises en attente dans l’epoll du thread d’écoute et les threads de travail restent libres ; quand un client envoie une requête, le thread d’écoute la confie à un thread libre.",
                                       "Idle connections are parked in the listener thread's epoll and the worker threads stay free; when a client sends a request, the listener hands it to a free thread."))
        d.box(300, 16, 324, 256, t("Enfant", "Child"), .process)
        d.box(320, 44, 284, 54, t("thread d’écoute", "listener thread"), note: t("epoll : connexions en attente", "epoll: parked connections"), .listener)
        for i in 0..<3 {
            let y = 30 + Double(i) * 60
            let speaks = i == 2
            d.box(16, y, 150, 40, speaks ? t("client 3 : requête", "client 3: request") : t("client \(i + 1) (inactif)", "client \(i + 1) (idle)"), .client)
            d.arrow((166, y + 20), (318, 71), i == 0 ? t("en attente", "parked") : nil, dashed: !speaks)
        }
        for i in 0..<3 {
            d.box(320 + Double(i) * 98, 172, 88, 44, i == 0 ? t("client 3", "client 3") : t("libre", "free"), i == 0 ? .busy : .idle)
        }
        d.arrow((364, 98), (364, 170), t("confie", "hands over"))
        d.caption(320, 252, t("les autres threads restent libres", "the other threads stay free"))
        return d
    }

    /// Shared physical pages above the processes, private ones below: every arrow stays short.
    private func addressSpaces() -> Diagram {
        var d = Diagram(width: 640, height: 390, title: t("Espaces d’adressage", "Address spaces"),
                        description: t("Trois processus ont chacun leur espace virtuel. Le code des bibliothèques et la zone partagée pointent vers les mêmes pages physiques ; le tas et la pile de chacun restent privés.",
                                       "Three processes each have their own virtual space. Library code and the shared region point at the same physical pages; each one's heap and stack stay private."))
        d.box(16, 16, 296, 48, t("bibliothèques (code)", "libraries (code)"), note: t("pages physiques communes", "shared physical pages"), .space)
        d.box(328, 16, 296, 48, t("zone partagée (scoreboard)", "shared region (scoreboard)"), note: t("pages physiques communes", "shared physical pages"), .space)
        let xs: [Double] = [16, 232, 448]
        let rows: [(String, Diagram.Style)] = [(t("code", "code"), .space), (t("zone partagée", "shared region"), .space),
                                               (t("tas", "heap"), .copied), (t("pile", "stack"), .copied)]
        for (p, x) in xs.enumerated() {
            d.box(x, 112, 176, 176, t("Processus \(p + 1)", "Process \(p + 1)"), note: t("espace virtuel", "virtual space"), .process)
            for (r, (label, style)) in rows.enumerated() {
                d.box(x + 14, 158 + Double(r) * 31, 148, 26, label, style)
            }
            d.arrow((x + 50, 110), (70 + Double(p) * 90, 66))
            d.arrow((x + 126, 110), (390 + Double(p) * 90, 66), nil, dashed: true)
            d.box(x + 14, 326, 148, 48, t("P\(p + 1) : pages privées", "P\(p + 1): private pages"), note: t("tas, pile", "heap, stack"), .copied)
            d.arrow((x + 88, 290), (x + 88, 324))
        }
        return d
    }
}
