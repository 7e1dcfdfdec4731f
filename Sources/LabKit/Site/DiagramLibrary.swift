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
        var d = Diagram(width: 640, height: 290, title: t("MPM prefork", "The prefork MPM"),
                        description: t("Le processus maître crée par fork() quatre processus enfants ; chacun n’a qu’un thread et sert une connexion à la fois.",
                                       "The master process forks four child processes; each has a single thread and serves one connection at a time."))
        let xs: [Double] = [16, 172, 328, 484]
        master(&d, children: xs.map { $0 + 70 }, childTop: 140)
        for (i, x) in xs.enumerated() {
            d.box(x, 140, 140, 110, t("Enfant \(i + 1)", "Child \(i + 1)"), note: "PID \(101 + i)", .process)
            let busy = i < 3
            d.box(x + 15, 195, 110, 40, busy ? t("1 connexion", "1 connection") : t("en attente", "waiting"), busy ? .busy : .idle)
        }
        d.caption(16, 278, t("1 processus = 1 thread = 1 connexion à la fois", "1 process = 1 thread = 1 connection at a time"))
        return d
    }

    private func threaded(event: Bool) -> Diagram {
        let title = event ? t("MPM event", "The event MPM") : t("MPM worker", "The worker MPM")
        let description = event
            ? t("Le maître crée deux enfants. Dans chacun, un thread d’écoute surveille avec epoll les connexions en keep-alive, et ne confie une connexion à un thread de travail que lorsqu’une requête arrive.",
                "The master forks two children. In each, a listener thread watches keep-alive connections with epoll and hands a connection to a worker thread only when a request arrives.")
            : t("Le maître crée deux enfants ; chacun a un thread d’écoute et un groupe de threads de travail, chaque thread servant une connexion.",
                "The master forks two children; each has a listener thread and a pool of worker threads, each thread serving one connection.")
        var d = Diagram(width: 640, height: event ? 360 : 330, title: title, description: description)
        let xs: [Double] = [16, 332]
        master(&d, children: xs.map { $0 + 146 }, childTop: 130)
        for (c, x) in xs.enumerated() {
            d.box(x, 130, 292, event ? 210 : 180, t("Enfant \(c + 1)", "Child \(c + 1)"), note: "PID \(201 + c)", .process)
            d.box(x + 14, 176, 264, 34, event ? t("thread d’écoute (epoll)", "listener thread (epoll)") : t("thread d’écoute", "listener thread"), .listener)
            for i in 0..<6 {
                let busy = event ? i < 2 : i < 4
                let tx = x + 14 + Double(i % 3) * 90, ty = 220 + Double(i / 3) * 42
                d.box(tx, ty, 84, 34, busy ? t("requête", "request") : t("libre", "free"), busy ? .busy : .idle)
            }
            if event {
                d.box(x + 14, 306, 264, 26, t("3 connexions keep-alive parquées", "3 keep-alive connections parked"), .client)
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
        let title = event ? t("Keep-alive avec event", "Keep-alive with event") : t("Keep-alive avec worker", "Keep-alive with worker")
        let description = event
            ? t("Trois clients gardent leur connexion ouverte sans rien demander : le thread d’écoute les surveille avec epoll et les threads de travail restent libres.",
                "Three clients keep their connection open without asking anything: the listener thread watches them with epoll and the worker threads stay free.")
            : t("Trois clients gardent leur connexion ouverte sans rien demander : chacun immobilise un thread de travail jusqu’à KeepAliveTimeout.",
                "Three clients keep their connection open without asking anything: each one ties up a worker thread until KeepAliveTimeout.")
        var d = Diagram(width: 640, height: 250, title: title, description: description)
        for i in 0..<3 { d.box(16, 30 + Double(i) * 70, 150, 44, t("client \(i + 1) (inactif)", "client \(i + 1) (idle)"), .client) }
        d.box(300, 16, 324, 220, t("Enfant", "Child"), .process)
        if event {
            d.box(320, 48, 284, 56, t("thread d’écoute", "listener thread"), note: t("epoll : 3 connexions parquées", "epoll: 3 connections parked"), .listener)
            for i in 0..<3 { d.arrow((166, 52 + Double(i) * 70), (318, 76), i == 0 ? "keep-alive" : nil, dashed: true) }
            for i in 0..<3 { d.box(320 + Double(i) * 96, 150, 88, 44, t("libre", "free"), .idle) }
            d.caption(320, 224, t("les threads restent disponibles", "threads stay available"))
        } else {
            for i in 0..<3 {
                d.box(320, 44 + Double(i) * 62, 284, 48, t("thread \(i + 1) : attend le client", "thread \(i + 1): waits for the client"), note: "KeepAliveTimeout", .busy)
                d.arrow((166, 52 + Double(i) * 70), (318, 66 + Double(i) * 62), i == 0 ? "keep-alive" : nil)
            }
        }
        return d
    }

    private func addressSpaces() -> Diagram {
        var d = Diagram(width: 640, height: 260, title: t("Espaces d’adressage", "Address spaces"),
                        description: t("À gauche, deux processus ont chacun leur propre espace d’adressage ; à droite, trois threads d’un même processus partagent le même.",
                                       "On the left, two processes each have their own address space; on the right, three threads of one process share the same one."))
        for i in 0..<2 {
            let y = 16 + Double(i) * 118
            d.box(16, y, 270, 106, t("Processus \(i + 1)", "Process \(i + 1)"), .process)
            d.box(32, y + 32, 238, 30, t("mémoire privée", "private memory"), .space)
            d.box(32, y + 68, 110, 30, "thread", .thread)
        }
        d.box(336, 16, 288, 224, t("Processus 3", "Process 3"), .process)
        d.box(352, 48, 256, 64, t("mémoire partagée par les threads", "memory shared by the threads"), note: t("tas, variables globales", "heap, globals"), .space)
        for i in 0..<3 {
            d.box(352 + Double(i) * 88, 180, 80, 36, "thread \(i + 1)", .thread)
            d.arrow((392 + Double(i) * 88, 178), (392 + Double(i) * 88, 114))
        }
        return d
    }
}
