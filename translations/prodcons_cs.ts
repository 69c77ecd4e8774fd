<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cs_CZ" sourcelanguage="en">
<context>
    <name>BrokerManagement</name>
    <message>
        <source>%1: no answer within %2 ms</source>
        <translation>%1: žádná odpověď do %2 ms</translation>
    </message>
    <message>
        <source>%1: the management API refused user %2 (it needs the management or monitoring tag): %3</source>
        <translation>%1: správcovské API odmítlo uživatele %2 (potřebuje značku management nebo monitoring): %3</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3 (is this RabbitMQ&apos;s management API?)</source>
        <translation>%1: HTTP %2 %3 (je to správcovské API RabbitMQ?)</translation>
    </message>
    <message>
        <source>%1: the answer is no JSON (%2): is this RabbitMQ&apos;s management API?</source>
        <translation>%1: odpověď není JSON (%2): je to správcovské API RabbitMQ?</translation>
    </message>
    <message>
        <source>%1 must be http[s]://host:port/, without a user or a password (they are the broker&apos;s): %2</source>
        <translation>%1 musí být http[s]://počítač:port/, bez uživatele a hesla (použijí se ta brokerova): %2</translation>
    </message>
    <message>
        <source>%1: an answer longer than %2 bytes (is this RabbitMQ&apos;s management API?)</source>
        <translation>%1: odpověď delší než %2 bajtů (je to správcovské API RabbitMQ?)</translation>
    </message>
</context>
<context>
    <name>BrokerOptions</name>
    <message>
        <source>Serve through a queue of a RabbitMQ broker (see --broker).</source>
        <translation>Obsluhovat přes frontu brokera RabbitMQ (viz --broker).</translation>
    </message>
    <message>
        <source>AMQP mode: the broker, amqp://host:port/vhost or amqps://..., or the nodes of a cluster separated by commas, tried in turn (default: $PRODCONS_BROKER_URL, else amqp://localhost:5672/). No password here: the command line is visible to every user (ps); see --broker-credentials.</source>
        <translation>Režim AMQP: broker, amqp://počítač:port/vhost nebo amqps://..., nebo uzly clusteru oddělené čárkami, zkoušené postupně (výchozí: $PRODCONS_BROKER_URL, jinak amqp://localhost:5672/). Heslo sem nepatří: příkazovou řádku vidí každý uživatel (ps); viz --broker-credentials.</translation>
    </message>
    <message>
        <source>AMQP mode: a file whose first line is user:password (default: the user and password of $PRODCONS_BROKER_URL, else guest:guest).</source>
        <translation>Režim AMQP: soubor, jehož první řádek je uživatel:heslo (výchozí: uživatel a heslo z $PRODCONS_BROKER_URL, jinak guest:guest).</translation>
    </message>
    <message>
        <source>--broker and --broker-credentials are for the AMQP mode: add -amqp</source>
        <translation>--broker a --broker-credentials patří k režimu AMQP: přidejte -amqp</translation>
    </message>
</context>
<context>
    <name>BrokerQueue</name>
    <message>
        <source>no queue %1 on %2: no server of this prefix has used it, or it was cleaned up</source>
        <translation>fronta %1 na %2 neexistuje: žádný server tohoto prefixu ji nepoužil, nebo byla uklizena</translation>
    </message>
    <message>
        <source>queue %1 on %2: %3 name(s) ready, %4 consumer(s)</source>
        <translation>fronta %1 na %2: připravených jmen %3, konzumentů %4</translation>
    </message>
    <message numerus="yes">
        <source>removed queue %1 from %2, with the %n name(s) in it</source>
        <translation>
            <numerusform>fronta %1 odstraněna z %2 i s %n jménem v ní</numerusform>
            <numerusform>fronta %1 odstraněna z %2 i s %n jmény v ní</numerusform>
            <numerusform>fronta %1 odstraněna z %2 i s %n jmény v ní</numerusform>
        </translation>
    </message>
    <message>
        <source>The queue could not be looked at: %1</source>
        <translation>Na frontu se nelze podívat: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n consumer(s) use this queue: children of live servers, on this machine or another. The broker cancels them when the queue is deleted.</source>
        <translation>
            <numerusform>Tuto frontu používá %n konzument: potomek běžícího serveru, na tomto nebo jiném počítači. Broker ho při smazání fronty zruší.</numerusform>
            <numerusform>Tuto frontu používají %n konzumenti: potomci běžících serverů, na tomto nebo jiném počítači. Broker je při smazání fronty zruší.</numerusform>
            <numerusform>Tuto frontu používá %n konzumentů: potomci běžících serverů, na tomto nebo jiném počítači. Broker je při smazání fronty zruší.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued name(s) will be discarded.</source>
        <translation>
            <numerusform>%n jméno ve frontě bude zahozeno.</numerusform>
            <numerusform>%n jména ve frontě budou zahozena.</numerusform>
            <numerusform>%n jmen ve frontě bude zahozeno.</numerusform>
        </translation>
    </message>
    <message>
        <source>unacknowledged names, queue leader and cluster nodes unknown: %1</source>
        <translation>nepotvrzená jména, vedoucí uzel fronty a uzly clusteru nejsou známy: %1</translation>
    </message>
    <message>
        <source>%1 (running)</source>
        <translation>%1 (běží)</translation>
    </message>
    <message>
        <source>%1 (not running)</source>
        <translation>%1 (neběží)</translation>
    </message>
    <message>
        <source>cluster nodes: %1</source>
        <translation>uzly clusteru: %1</translation>
    </message>
    <message>
        <source>unacknowledged: not counted yet</source>
        <translation>nepotvrzená: zatím nespočítána</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) unacknowledged (the broker&apos;s statistics, a few seconds behind)</source>
        <translation>
            <numerusform>%n nepotvrzené jméno (statistika brokeru, o pár sekund pozadu)</numerusform>
            <numerusform>%n nepotvrzená jména (statistika brokeru, o pár sekund pozadu)</numerusform>
            <numerusform>%n nepotvrzených jmen (statistika brokeru, o pár sekund pozadu)</numerusform>
        </translation>
    </message>
    <message>
        <source>no node leads the queue now</source>
        <translation>frontu teď nevede žádný uzel</translation>
    </message>
    <message>
        <source>queue leader: %1</source>
        <translation>vedoucí uzel fronty: %1</translation>
    </message>
    <message>
        <source>replicas on %1 (%2 online)</source>
        <translation>repliky na %1 (%2 dostupných)</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) delivered to consumers and not yet acknowledged: those no client has received yet will be lost.</source>
        <translation>
            <numerusform>%n jméno doručené konzumentům a dosud nepotvrzené: pokud ho ještě nedostal žádný klient, ztratí se.</numerusform>
            <numerusform>%n jména doručená konzumentům a dosud nepotvrzená: ta, která ještě nedostal žádný klient, se ztratí.</numerusform>
            <numerusform>%n jmen doručených konzumentům a dosud nepotvrzených: ta, která ještě nedostal žádný klient, se ztratí.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChildView</name>
    <message>
        <source>producer</source>
        <translation>producent</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>konzument</translation>
    </message>
    <message>
        <source>asked for its task</source>
        <translation>dotázán na úlohu</translation>
    </message>
    <message>
        <source>running</source>
        <translation>běží</translation>
    </message>
    <message>
        <source>waiting: buffer full</source>
        <translation>čeká: buffer je plný</translation>
    </message>
    <message>
        <source>waiting: buffer empty</source>
        <translation>čeká: buffer je prázdný</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>skončil</translation>
    </message>
    <message>
        <source>killed by signal %1 (%2)</source>
        <translation>ukončen signálem %1 (%2)</translation>
    </message>
    <message>
        <source>exited with status %1</source>
        <translation>skončil s kódem %1</translation>
    </message>
</context>
<context>
    <name>NameList</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>nelze přečíst %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no usable name</source>
        <translation>%1 neobsahuje žádné použitelné jméno</translation>
    </message>
</context>
<context>
    <name>PbmFile</name>
    <message>
        <source>not a PBM picture (it does not start with P1 or P4)</source>
        <translation>není to obrázek PBM (nezačíná na P1 ani P4)</translation>
    </message>
    <message>
        <source>a grey or colour picture; only black-and-white PBM pictures (P1, P4) can be sent</source>
        <translation>šedý nebo barevný obrázek; poslat lze jen černobílé obrázky PBM (P1, P4)</translation>
    </message>
    <message>
        <source>the picture&apos;s header has no valid width and height</source>
        <translation>hlavička obrázku nemá platnou šířku a výšku</translation>
    </message>
    <message>
        <source>the picture is too large: at most %1 pixels a side and %2 pixels in all</source>
        <translation>obrázek je příliš velký: nejvýš %1 pixelů na stranu a %2 pixelů celkem</translation>
    </message>
    <message>
        <source>the picture has no pixels (a width or height of 0)</source>
        <translation>obrázek nemá žádné pixely (šířka nebo výška 0)</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 nelze přečíst: %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB, more than any picture prodcons sends</source>
        <translation>%1 je větší než %2 MiB, víc než jakýkoli obrázek, který prodcons posílá</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>soubor je prázdný</translation>
    </message>
    <message>
        <source>the file ends inside the picture&apos;s header</source>
        <translation>soubor končí uprostřed hlavičky obrázku</translation>
    </message>
    <message>
        <source>line %1 does not continue the picture&apos;s header</source>
        <translation>řádek %1 nepokračuje v hlavičce obrázku</translation>
    </message>
    <message>
        <source>line %1 starts a second picture; a file holds one</source>
        <translation>řádek %1 začíná druhý obrázek; soubor obsahuje jeden</translation>
    </message>
    <message>
        <source>line %1 is not part of the picture: only 0, 1, spaces and comments may follow the header</source>
        <translation>řádek %1 nepatří k obrázku: za hlavičkou smí být jen 0, 1, mezery a komentáře</translation>
    </message>
    <message>
        <source>line %1 holds more pixels than the %2 x %3 that the header announces</source>
        <translation>řádek %1 obsahuje víc pixelů, než ohlašuje hlavička (%2 x %3)</translation>
    </message>
    <message>
        <source>the file is truncated: it ends after %1 of %2 pixels</source>
        <translation>soubor je zkrácený: končí po %1 z %2 pixelů</translation>
    </message>
    <message>
        <source>the file is truncated: it ends after %1 of %2 rows</source>
        <translation>soubor je zkrácený: končí po %1 z %2 řádků obrázku</translation>
    </message>
    <message numerus="yes">
        <source>the file holds more after the picture (%n byte(s)); it must hold one picture</source>
        <translation>
            <numerusform>za obrázkem je v souboru ještě něco (%n bajt); smí obsahovat jeden obrázek</numerusform>
            <numerusform>za obrázkem je v souboru ještě něco (%n bajty); smí obsahovat jeden obrázek</numerusform>
            <numerusform>za obrázkem je v souboru ještě něco (%n bajtů); smí obsahovat jeden obrázek</numerusform>
        </translation>
    </message>
    <message>
        <source>line %1 is %2 bytes long; the server takes lines of at most %3 bytes</source>
        <translation>řádek %1 má %2 bajtů; server bere řádky nejvýš o %3 bajtech</translation>
    </message>
</context>
<context>
    <name>PictureSendStatus</name>
    <message>
        <source>Connect sends the picture %1 (%2 x %3 pixels) line by line instead of names: %4 lines, each once.</source>
        <translation>Připojit pošle obrázek %1 (%2 x %3 pixelů) po řádcích místo jmen: %4 řádků, každý jednou.</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 of %2 lines stored</source>
        <translation>uloženo %1 z %2 řádků</translation>
    </message>
    <message>
        <source>Picture refused</source>
        <translation>Obrázek odmítnut</translation>
    </message>
    <message>
        <source>The server refused line %1 of %2 with &quot;ERROR: %3&quot;; %4.</source>
        <translation>Server odmítl řádek %1 z %2 s „ERROR: %3“; %4.</translation>
    </message>
    <message>
        <source>The picture&apos;s lines are up to %1 bytes: start the servers with --slot-size 8192 (server window: Slots, 8192 bytes), then Connect again.</source>
        <translation>Řádky obrázku mají až %1 bajtů: spusťte servery s --slot-size 8192 (okno serveru: Sloty, 8192 bajtů) a pak se znovu připojte.</translation>
    </message>
    <message>
        <source>Sending picture</source>
        <translation>Posílá obrázek</translation>
    </message>
    <message>
        <source>%1: %2 of %3 lines sent, %4 stored.</source>
        <translation>%1: posláno %2 z %3 řádků, uloženo %4.</translation>
    </message>
    <message>
        <source>About %1 to go at this rate; Max sends as fast as the server takes them.</source>
        <translation>Touto rychlostí zbývá asi %1; Max posílá tak rychle, jak je server bere.</translation>
    </message>
    <message>
        <source>%1: %2. The buffer is full: the picture goes on when a consumer takes lines.</source>
        <translation>%1: %2. Buffer je plný: obrázek pokračuje, až konzument odebere řádky.</translation>
    </message>
    <message>
        <source>Picture sent</source>
        <translation>Obrázek odeslán</translation>
    </message>
    <message>
        <source>All %1 lines of %2 are stored in the buffer.</source>
        <translation>Všech %1 řádků souboru %2 je uloženo v bufferu.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>%1: %2 when you disconnected. Connect sends the picture again from its first line.</source>
        <translation>%1: %2 v okamžiku odpojení. Připojit pošle obrázek znovu od prvního řádku.</translation>
    </message>
    <message>
        <source>Picture %1: %2.</source>
        <translation>Obrázek %1: %2.</translation>
    </message>
</context>
<context>
    <name>PictureToSend</name>
    <message>
        <source>%1 cannot be sent: %2</source>
        <translation>%1 nelze poslat: %2</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Displays help on commandline options.</source>
        <translation>Zobrazit nápovědu k volbám příkazové řádky.</translation>
    </message>
    <message>
        <source>Displays help including Qt specific options.</source>
        <translation>Zobrazit nápovědu včetně voleb specifických pro Qt.</translation>
    </message>
</context>
<context>
    <name>RateText</name>
    <message>
        <source>%1/min</source>
        <translation>%1/min</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
</context>
<context>
    <name>SessionState</name>
    <message>
        <source>disconnected</source>
        <translation>odpojeno</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>připojování</translation>
    </message>
    <message>
        <source>connected, waiting for the server</source>
        <translation>připojeno, čeká se na server</translation>
    </message>
    <message>
        <source>connected, choose producer or consumer</source>
        <translation>připojeno, zvolte producenta, nebo konzumenta</translation>
    </message>
    <message>
        <source>connected as producer</source>
        <translation>připojeno jako producent</translation>
    </message>
    <message>
        <source>held back: the server&apos;s buffer is full</source>
        <translation>zdrženo: buffer serveru je plný</translation>
    </message>
    <message>
        <source>connected as consumer</source>
        <translation>připojeno jako konzument</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>dokončeno</translation>
    </message>
    <message>
        <source>server gone</source>
        <translation>server zmizel</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>spojení odmítnuto</translation>
    </message>
    <message>
        <source>error from the server</source>
        <translation>chyba ze serveru</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>selhalo</translation>
    </message>
</context>
<context>
    <name>SessionStatus</name>
    <message>
        <source>Disconnected</source>
        <translation>Odpojeno</translation>
    </message>
    <message>
        <source>Choose a server and a role, then Connect.</source>
        <translation>Zvolte server a roli a pak klikněte na Připojit.</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Připojování</translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation>Připojování k %1 …</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Připojeno</translation>
    </message>
    <message>
        <source>Connected to %1, waiting for the server&apos;s &quot;Task?&quot;</source>
        <translation>Připojeno k %1, čeká se na „Task?“ od serveru</translation>
    </message>
    <message>
        <source>Connected as producer</source>
        <translation>Připojeno jako producent</translation>
    </message>
    <message>
        <source>Sending names to %1; each is stored when the server answers OK.</source>
        <translation>Posílá jména na %1; každé je uloženo, jakmile server odpoví OK.</translation>
    </message>
    <message>
        <source>Held back: buffer full</source>
        <translation>Zdrženo: buffer je plný</translation>
    </message>
    <message>
        <source>No answer from %1 for a while: its buffer is full. Names go on when a consumer takes some.</source>
        <translation>Od %1 už chvíli nepřišla odpověď: jeho buffer je plný. Jména půjdou dál, až si nějaká odebere konzument.</translation>
    </message>
    <message>
        <source>Connected as consumer</source>
        <translation>Připojeno jako konzument</translation>
    </message>
    <message>
        <source>Taking names from %1 and answering OK for each.</source>
        <translation>Odebírá jména z %1 a na každé odpovídá OK.</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Dokončeno</translation>
    </message>
    <message>
        <source>Done; the connection to %1 is closed.</source>
        <translation>Hotovo; spojení s %1 je uzavřeno.</translation>
    </message>
    <message>
        <source>Server gone</source>
        <translation>Server zmizel</translation>
    </message>
    <message>
        <source>%1 (%2). Connect again when the server is back.</source>
        <translation>%1 (%2). Připojte se znovu, až bude server zpět.</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Odmítnuto</translation>
    </message>
    <message>
        <source>Nobody listens at %1. Start a server there, or check host and port.</source>
        <translation>Na %1 nikdo nenaslouchá. Spusťte tam server, nebo zkontrolujte hostitele a port.</translation>
    </message>
    <message>
        <source>ERROR from the server</source>
        <translation>ERROR ze serveru</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Selhalo</translation>
    </message>
    <message numerus="yes">
        <source>The server rejected %n name(s), the last with &quot;ERROR: %1&quot;.</source>
        <translation>
            <numerusform>Server odmítl %n jméno, poslední s „ERROR: %1“.</numerusform>
            <numerusform>Server odmítl %n jména, poslední s „ERROR: %1“.</numerusform>
            <numerusform>Server odmítl %n jmen, poslední s „ERROR: %1“.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TempoScale</name>
    <message>
        <source>full speed</source>
        <translation>plná rychlost</translation>
    </message>
    <message>
        <source>%1 s per step</source>
        <translation>%1 s na krok</translation>
    </message>
</context>
<context>
    <name>prodcons::client::ClientWindow</name>
    <message>
        <source>prodcons client</source>
        <translation>klient prodcons</translation>
    </message>
    <message>
        <source>&amp;Rate</source>
        <translation>&amp;Rychlost</translation>
    </message>
    <message>
        <source>Latest names, newest first</source>
        <translation>Poslední jména, nejnovější nahoře</translation>
    </message>
    <message>
        <source>Latest &amp;names, newest first</source>
        <translation>Poslední &amp;jména, nejnovější nahoře</translation>
    </message>
    <message>
        <source>cleanup cancelled; nothing removed</source>
        <translation>úklid zrušen; nic nebylo odstraněno</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server host</source>
        <translation>Hostitel serveru</translation>
    </message>
    <message>
        <source>Server port</source>
        <translation>Port serveru</translation>
    </message>
    <message>
        <source>&amp;Producer</source>
        <translation>&amp;Producent</translation>
    </message>
    <message>
        <source>Send names at the set rate; the server stores each in the buffer.</source>
        <translation>Posílá jména nastavenou rychlostí; server každé uloží do bufferu.</translation>
    </message>
    <message>
        <source>C&amp;onsumer</source>
        <translation>&amp;Konzument</translation>
    </message>
    <message>
        <source>Take names from the buffer through the server.</source>
        <translation>Odebírá jména z bufferu přes server.</translation>
    </message>
    <message>
        <source>Ta&amp;g names</source>
        <translation>&amp;Označovat jména</translation>
    </message>
    <message>
        <source>A producer numbers its names (Name#source-seq); a consumer checks them for gaps and duplicates.</source>
        <translation>Producent čísluje svá jména (Jméno#zdroj-pořadí); konzument v nich hledá mezery a duplicity.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Př&amp;ipojit</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>&amp;Hostitel</translation>
    </message>
    <message>
        <source>Por&amp;t</source>
        <translation>Por&amp;t</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Stav spojení</translation>
    </message>
    <message>
        <source>Connection details</source>
        <translation>Podrobnosti spojení</translation>
    </message>
    <message>
        <source>IPC name prefix</source>
        <translation>Prefix názvů IPC</translation>
    </message>
    <message>
        <source>The objects are &lt;prefix&gt;_shm, _mutex, _empty, _full and _mq.</source>
        <translation>Objekty jsou &lt;prefix&gt;_shm, _mutex, _empty, _full a _mq.</translation>
    </message>
    <message>
        <source>IPC objects on this machine, pre&amp;fix</source>
        <translation>IPC objekty na tomto počítači, pre&amp;fix</translation>
    </message>
    <message>
        <source>Clean&amp;up…</source>
        <translation>&amp;Uklidit…</translation>
    </message>
    <message>
        <source>Remove this machine&apos;s shared memory, semaphores and message queue of the prefix (asks first if servers use them).</source>
        <translation>Odstraní sdílenou paměť, semafory a frontu zpráv tohoto prefixu na tomto počítači (nejdřív se zeptá, pokud je používají servery).</translation>
    </message>
    <message>
        <source>Cleanup result</source>
        <translation>Výsledek úklidu</translation>
    </message>
    <message>
        <source>Connect or disconnect</source>
        <translation>Připojit nebo odpojit</translation>
    </message>
    <message>
        <source>Ten times faster</source>
        <translation>Desetkrát rychleji</translation>
    </message>
    <message>
        <source>Ten times slower</source>
        <translation>Desetkrát pomaleji</translation>
    </message>
    <message>
        <source>Clear the names list</source>
        <translation>Vymazat seznam jmen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Ukončit</translation>
    </message>
    <message>
        <source>Connect or disconnect (Ctrl+Return)</source>
        <translation>Připojit nebo odpojit (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>konzument</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>producent</translation>
    </message>
    <message>
        <source>consumer ← %1 · live %2</source>
        <translation>konzument ← %1 · aktuálně %2</translation>
    </message>
    <message>
        <source>producer → %1 · set %2 · live %3</source>
        <translation>producent → %1 · nastaveno %2 · aktuálně %3</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>O&amp;dpojit</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Odpojit</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Připojit</translation>
    </message>
    <message>
        <source>Rate: a consumer takes names as the producers send them</source>
        <translation>Rychlost: konzument odebírá jména tak, jak je producenti posílají</translation>
    </message>
    <message>
        <source>Names per minute; Ctrl+Up and Ctrl+Down: ten times faster or slower</source>
        <translation>Jmen za minutu; Ctrl+šipka nahoru a Ctrl+šipka dolů: desetkrát rychleji nebo pomaleji</translation>
    </message>
    <message>
        <source>The server %1 is on another machine: Cleanup acts on this machine only and does not touch its objects.</source>
        <translation>Server %1 je na jiném počítači: úklid působí jen na tomto počítači a jeho objektů se nedotkne.</translation>
    </message>
    <message>
        <source>Looking at the objects of %1 …</source>
        <translation>Prohlížím objekty prefixu %1 …</translation>
    </message>
    <message>
        <source>Names list</source>
        <translation>Seznam jmen</translation>
    </message>
    <message>
        <source>International</source>
        <translation>Mezinárodní</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Česká</translation>
    </message>
    <message>
        <source>Na&amp;mes</source>
        <translation>Jmé&amp;na</translation>
    </message>
    <message>
        <source>%1 → %2:%3</source>
        <translation>%1 → %2:%3</translation>
    </message>
    <message>
        <source>What a producer sends: a bundled list of first names, or a black-and-white picture (.pbm) line by line (Ctrl+O).</source>
        <translation>Co producent posílá: přibalený seznam křestních jmen, nebo černobílý obrázek (.pbm) po řádcích (Ctrl+O).</translation>
    </message>
    <message>
        <source>Picture file…</source>
        <translation>Soubor s obrázkem…</translation>
    </message>
    <message>
        <source>Picture lines stored</source>
        <translation>Uložené řádky obrázku</translation>
    </message>
    <message>
        <source>Send a picture…</source>
        <translation>Poslat obrázek…</translation>
    </message>
    <message>
        <source>%1: %2 x %3 pixels, %4 lines</source>
        <translation>%1: %2 x %3 pixelů, %4 řádků</translation>
    </message>
    <message>
        <source>Send a picture</source>
        <translation>Poslat obrázek</translation>
    </message>
    <message>
        <source>PBM pictures (*.pbm);;All files (*)</source>
        <translation>Obrázky PBM (*.pbm);;Všechny soubory (*)</translation>
    </message>
    <message>
        <source>%1 of %2 lines stored</source>
        <translation>uloženo %1 z %2 řádků</translation>
    </message>
</context>
<context>
    <name>prodcons::client::ClientWindowCommandLine</name>
    <message>
        <source>Producer-consumer client window: connects to a server, produces names at a set rate or consumes them, and shows them as they flow.
Options given here override the settings the window remembers.</source>
        <translation>Okno klienta producent-konzument: připojí se k serveru, posílá jména nastavenou rychlostí, nebo je odebírá, a ukazuje, jak proudí.
Volby zadané zde mají přednost před nastavením, které si okno pamatuje.</translation>
    </message>
    <message>
        <source>Server host (default 127.0.0.1).</source>
        <translation>Hostitel serveru (výchozí 127.0.0.1).</translation>
    </message>
    <message>
        <source>Server port (default 12345).</source>
        <translation>Port serveru (výchozí 12345).</translation>
    </message>
    <message>
        <source>producer or consumer.</source>
        <translation>producer, nebo consumer.</translation>
    </message>
    <message>
        <source>Names per minute, 1 to 1000000, or &apos;max&apos;.</source>
        <translation>Jmen za minutu, 1 až 1000000, nebo &apos;max&apos;.</translation>
    </message>
    <message>
        <source>Connect at once.</source>
        <translation>Hned se připojit.</translation>
    </message>
    <message>
        <source>IPC name prefix that Cleanup acts on (default: $PRODCONS_IPC_PREFIX or /prodcons).</source>
        <translation>Prefix názvů IPC, na který působí úklid (výchozí: $PRODCONS_IPC_PREFIX nebo /prodcons).</translation>
    </message>
    <message>
        <source>Tag names with a sequence number (a consumer then counts gaps and duplicates).</source>
        <translation>Označovat jména pořadovým číslem (konzument pak počítá mezery a duplicity).</translation>
    </message>
    <message>
        <source>Neither read nor save the last settings and window geometry (for scripts).</source>
        <translation>Nečíst ani neukládat poslední nastavení a geometrii okna (pro skripty).</translation>
    </message>
    <message>
        <source>--host needs a host name or address</source>
        <translation>--host potřebuje název nebo adresu hostitele</translation>
    </message>
    <message>
        <source>--port takes 1 to 65535, not &apos;%1&apos;</source>
        <translation>--port bere 1 až 65535, ne &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--role takes producer or consumer, not &apos;%1&apos;</source>
        <translation>--role bere producer, nebo consumer, ne &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--rate takes 1 to 1000000 (names per minute) or &apos;max&apos;, not &apos;%1&apos;</source>
        <translation>--rate bere 1 až 1000000 (jmen za minutu) nebo &apos;max&apos;, ne &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Send this PBM picture (P1 or P4) instead of names, as a producer; for this run only.</source>
        <translation>Poslat tento obrázek PBM (P1 nebo P4) místo jmen, jako producent; jen pro toto spuštění.</translation>
    </message>
    <message>
        <source>--picture needs a file name</source>
        <translation>--picture potřebuje název souboru</translation>
    </message>
    <message>
        <source>--picture sends a picture: it goes with --role producer, not consumer</source>
        <translation>--picture posílá obrázek: patří k --role producer, ne consumer</translation>
    </message>
</context>
<context>
    <name>prodcons::client::FiguresPanel</name>
    <message>
        <source>Sent</source>
        <translation>Odesláno</translation>
    </message>
    <message>
        <source>Names written to the server</source>
        <translation>Jména zapsaná serveru</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Potvrzeno</translation>
    </message>
    <message>
        <source>Names the server answered OK: stored in the buffer</source>
        <translation>Jména, na která server odpověděl OK: uložena v bufferu</translation>
    </message>
    <message>
        <source>Awaiting OK</source>
        <translation>Čeká na OK</translation>
    </message>
    <message>
        <source>Names sent and not answered yet (the server&apos;s buffer may be full)</source>
        <translation>Odeslaná jména zatím bez odpovědi (buffer serveru může být plný)</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Chyby</translation>
    </message>
    <message>
        <source>Names the server answered with ERROR</source>
        <translation>Jména, na která server odpověděl ERROR</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Přijato</translation>
    </message>
    <message>
        <source>Names taken from the server (each answered OK)</source>
        <translation>Jména odebraná ze serveru (na každé odpověď OK)</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Mezery</translation>
    </message>
    <message>
        <source>Tagged names: sequence numbers never seen (normally 0)</source>
        <translation>Označená jména: pořadová čísla, která nikdy nepřišla (obvykle 0)</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicity</translation>
    </message>
    <message>
        <source>Tagged names seen more than once (normally 0)</source>
        <translation>Označená jména viděná víckrát (obvykle 0)</translation>
    </message>
</context>
<context>
    <name>prodcons::client::LineSequence</name>
    <message>
        <source>line %1: %2</source>
        <translation>řádek %1: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 nelze přečíst: %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>prodcons::client::NameCheck</name>
    <message>
        <source>it is empty</source>
        <translation>je prázdný</translation>
    </message>
    <message>
        <source>it is %1 bytes long; a name may have at most %2</source>
        <translation>má %1 bajtů; jméno smí mít nejvýš %2</translation>
    </message>
    <message>
        <source>it has a CR (0x0D) at byte %1 that does not end the line</source>
        <translation>má na bajtu %1 znak CR (0x0D), který nekončí řádek</translation>
    </message>
    <message>
        <source>it has the control byte 0x%1 at byte %2</source>
        <translation>má na bajtu %2 řídicí bajt 0x%1</translation>
    </message>
    <message>
        <source>it is not valid UTF-8</source>
        <translation>není platné UTF-8</translation>
    </message>
    <message>
        <source>it starts with &quot;ERROR:&quot;, which a consumer would take for an error line</source>
        <translation>začíná na &quot;ERROR:&quot;, což by konzument považoval za chybový řádek</translation>
    </message>
</context>
<context>
    <name>prodcons::client::NameLogModel</name>
    <message>
        <source>sent</source>
        <translation>odesláno</translation>
    </message>
    <message>
        <source>stored, OK after %1 ms</source>
        <translation>uloženo, OK po %1 ms</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>uloženo</translation>
    </message>
    <message>
        <source>rejected with ERROR</source>
        <translation>odmítnuto s ERROR</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>zodpovězeno</translation>
    </message>
    <message>
        <source>received</source>
        <translation>přijato</translation>
    </message>
</context>
<context>
    <name>prodcons::client::NameSession</name>
    <message>
        <source>no connection to %1:%2 within %3 ms</source>
        <translation>žádné spojení s %1:%2 do %3 ms</translation>
    </message>
    <message>
        <source>the server did not ask for a task within %1 ms</source>
        <translation>server se do %1 ms nezeptal na úlohu</translation>
    </message>
    <message>
        <source>the server&apos;s greeting is too long</source>
        <translation>pozdrav serveru je příliš dlouhý</translation>
    </message>
    <message>
        <source>expected &quot;Task?&quot; from the server, got &quot;%1&quot;</source>
        <translation>od serveru se čekalo „Task?“, přišlo „%1“</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>server uzavřel spojení</translation>
    </message>
    <message numerus="yes">
        <source> (%n name(s) unanswered)</source>
        <translation>
            <numerusform> (%n jméno bez odpovědi)</numerusform>
            <numerusform> (%n jména bez odpovědi)</numerusform>
            <numerusform> (%n jmen bez odpovědi)</numerusform>
        </translation>
    </message>
    <message>
        <source>nobody listens at %1:%2</source>
        <translation>na %1:%2 nikdo nenaslouchá</translation>
    </message>
    <message>
        <source>cannot connect to %1:%2: %3</source>
        <translation>nelze se připojit k %1:%2: %3</translation>
    </message>
</context>
<context>
    <name>prodcons::client::PictureView</name>
    <message>
        <source>the lines are not a PBM picture</source>
        <translation>řádky nejsou obrázek PBM</translation>
    </message>
    <message>
        <source>a grey or colour picture; only black-and-white PBM pictures are drawn</source>
        <translation>šedý nebo barevný obrázek; kreslí se jen černobílé obrázky PBM</translation>
    </message>
    <message>
        <source>a raw PBM picture (P4), which cannot travel as lines</source>
        <translation>binární obrázek PBM (P4), který nemůže cestovat po řádcích</translation>
    </message>
    <message>
        <source>the header has no valid width and height</source>
        <translation>hlavička nemá platnou šířku a výšku</translation>
    </message>
    <message>
        <source>larger than %1 pixels a side or %2 pixels in all</source>
        <translation>větší než %1 pixelů na stranu nebo %2 pixelů celkem</translation>
    </message>
    <message>
        <source>a width or height of 0</source>
        <translation>šířka nebo výška 0</translation>
    </message>
    <message>
        <source>Picture received</source>
        <translation>Přijatý obrázek</translation>
    </message>
    <message>
        <source>No picture yet</source>
        <translation>Zatím žádný obrázek</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>Žádný obrázek</translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 z %2 řádků</translation>
    </message>
    <message>
        <source>waiting for the lines of a PBM picture</source>
        <translation>čeká na řádky obrázku PBM</translation>
    </message>
    <message>
        <source>reading the picture&apos;s header</source>
        <translation>čte hlavičku obrázku</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>přijímá</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>hotovo</translation>
    </message>
    <message numerus="yes">
        <source>more data than the picture holds: %n extra line(s)</source>
        <translation>
            <numerusform>víc dat, než obrázek pojme: %n řádek navíc</numerusform>
            <numerusform>víc dat, než obrázek pojme: %n řádky navíc</numerusform>
            <numerusform>víc dat, než obrázek pojme: %n řádků navíc</numerusform>
        </translation>
    </message>
    <message>
        <source>not a picture: %1</source>
        <translation>není to obrázek: %1</translation>
    </message>
    <message numerus="yes">
        <source>; %n line(s) that are not picture data skipped</source>
        <translation>
            <numerusform>; přeskočen %n řádek, který nepatří k obrázku</numerusform>
            <numerusform>; přeskočeny %n řádky, které nepatří k obrázku</numerusform>
            <numerusform>; přeskočeno %n řádků, které nepatří k obrázku</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>prodcons::client::RateControl</name>
    <message>
        <source>Ma&amp;x</source>
        <translation>Ma&amp;x</translation>
    </message>
    <message>
        <source>Rate (logarithmic, 1 to 1,000,000 names per minute)</source>
        <translation>Rychlost (logaritmická, 1 až 1 000 000 jmen za minutu)</translation>
    </message>
    <message>
        <source>Names per minute, one tick per power of ten: 1, 10, 100, … 1,000,000. PgUp/PgDown move by ten times.</source>
        <translation>Jmen za minutu, jedna značka na každou mocninu deseti: 1, 10, 100, … 1 000 000. PgUp/PgDown posouvají desetkrát.</translation>
    </message>
    <message>
        <source> /min</source>
        <translation> /min</translation>
    </message>
    <message>
        <source>Rate in names per minute</source>
        <translation>Rychlost ve jménech za minutu</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>Co nejrychleji</translation>
    </message>
    <message>
        <source>Unthrottled: as fast as the server answers.</source>
        <translation>Bez omezení: tak rychle, jak server odpovídá.</translation>
    </message>
</context>
<context>
    <name>prodcons::client::RatePlot</name>
    <message>
        <source>Live rate over the last minute</source>
        <translation>Aktuální rychlost za poslední minutu</translation>
    </message>
    <message>
        <source>live %1, set %2</source>
        <translation>aktuálně %1, nastaveno %2</translation>
    </message>
    <message>
        <source>live %1</source>
        <translation>aktuálně %1</translation>
    </message>
    <message>
        <source>−60 s</source>
        <translation>−60 s</translation>
    </message>
    <message>
        <source>now</source>
        <translation>teď</translation>
    </message>
    <message>
        <source>set %1</source>
        <translation>nastaveno %1</translation>
    </message>
</context>
<context>
    <name>prodcons::client::ReceivedLinesFile</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>do %1 nelze zapisovat: %2</translation>
    </message>
</context>
<context>
    <name>prodcons::client::TerminalClient</name>
    <message numerus="yes">
        <source>no answer for %n name(s); giving up</source>
        <translation>
            <numerusform>žádná odpověď na %n jméno; vzdávám to</numerusform>
            <numerusform>žádná odpověď na %n jména; vzdávám to</numerusform>
            <numerusform>žádná odpověď na %n jmen; vzdávám to</numerusform>
        </translation>
    </message>
    <message>
        <source>producing at %1; type a new rate (names per minute, or max) to change it</source>
        <translation>posílám rychlostí %1; pro změnu napište novou rychlost (jmen za minutu, nebo max)</translation>
    </message>
    <message>
        <source>held back: the server is not taking names (buffer full?)</source>
        <translation>zdrženo: server nepřijímá jména (plný buffer?)</translation>
    </message>
    <message>
        <source>; reconnecting</source>
        <translation>; znovu se připojuji</translation>
    </message>
    <message>
        <source>please type producer or consumer</source>
        <translation>napište prosím producer, nebo consumer</translation>
    </message>
    <message>
        <source>a consumer takes no input but &quot;quit&quot;</source>
        <translation>konzument nebere žádný vstup kromě „quit“</translation>
    </message>
    <message>
        <source>rate: %1</source>
        <translation>rychlost: %1</translation>
    </message>
    <message>
        <source>not a rate: &quot;%1&quot; (1 to 1000000 names per minute, or max)</source>
        <translation>není to rychlost: „%1“ (1 až 1000000 jmen za minutu, nebo max)</translation>
    </message>
    <message>
        <source>no role: give --role, or type producer or consumer</source>
        <translation>chybí role: zadejte --role, nebo napište producer či consumer</translation>
    </message>
    <message>
        <source>interrupted before %1 names</source>
        <translation>přerušeno před dosažením %1 jmen</translation>
    </message>
    <message numerus="yes">
        <source>the server rejected %n name(s); the last reason: %1</source>
        <translation>
            <numerusform>server odmítl %n jméno; poslední důvod: %1</numerusform>
            <numerusform>server odmítl %n jména; poslední důvod: %1</numerusform>
            <numerusform>server odmítl %n jmen; poslední důvod: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>stopped after %1 of %2 names</source>
        <translation>zastaveno po %1 z %2 jmen</translation>
    </message>
    <message>
        <source>%1; nothing sent</source>
        <translation>%1; nic nebylo odesláno</translation>
    </message>
    <message>
        <source>%1; stopping</source>
        <translation>%1; končím</translation>
    </message>
    <message>
        <source>line %1 of %2 refused by the server: %3; stopped after sending %4 of %5 lines</source>
        <translation>server odmítl řádek %1 souboru %2: %3; zastaveno po odeslání %4 z %5 řádků</translation>
    </message>
</context>
<context>
    <name>prodcons::client::TerminalClientCommandLine</name>
    <message>
        <source>Server host name or address.</source>
        <translation>Název nebo adresa hostitele serveru.</translation>
    </message>
    <message>
        <source>Server TCP port.</source>
        <translation>TCP port serveru.</translation>
    </message>
    <message>
        <source>Answer Task? with ROLE: producer or consumer.</source>
        <translation>Odpovědět na Task? rolí ROLE: producer, nebo consumer.</translation>
    </message>
    <message>
        <source>Producer rate in names per minute (1 to 1000000), or max for as fast as possible. Default: 60.</source>
        <translation>Rychlost producenta ve jménech za minutu (1 až 1000000), nebo max pro co nejrychleji. Výchozí: 60.</translation>
    </message>
    <message>
        <source>Stop after N names acknowledged (producer) or received (consumer).</source>
        <translation>Skončit po N potvrzených (producent) nebo přijatých (konzument) jménech.</translation>
    </message>
    <message>
        <source>Send the names in random order.</source>
        <translation>Posílat jména v náhodném pořadí.</translation>
    </message>
    <message>
        <source>--tag[=SOURCE]: producer appends #SOURCE-SEQ to each name (SOURCE: [a-z0-9], 1 to 12, random if not given); consumer checks tags for gaps and duplicates.</source>
        <translation>--tag[=SOURCE]: producent ke každému jménu připojí #SOURCE-SEQ (SOURCE: [a-z0-9], 1 až 12 znaků, náhodný, není-li zadán); konzument v označeních hledá mezery a duplicity.</translation>
    </message>
    <message>
        <source>Same as --tag=SOURCE.</source>
        <translation>Totéž co --tag=SOURCE.</translation>
    </message>
    <message>
        <source>Print only the tally lines and errors, not every name.</source>
        <translation>Vypisovat jen souhrnné řádky a chyby, ne každé jméno.</translation>
    </message>
    <message>
        <source>Keep reconnecting while the server is away; a producer first re-sends its unanswered names.</source>
        <translation>Znovu se připojovat, dokud je server pryč; producent nejdřív znovu pošle jména bez odpovědi.</translation>
    </message>
    <message>
        <source>Producer: names sent ahead of their OK, at most (default %1; 1 = one at a time).</source>
        <translation>Producent: nejvýš tolik jmen odeslaných předem, před jejich OK (výchozí %1; 1 = po jednom).</translation>
    </message>
    <message>
        <source>expected HOST and PORT (see --help)</source>
        <translation>očekávány HOST a PORT (viz --help)</translation>
    </message>
    <message>
        <source>PORT must be a number from 1 to 65535, not &quot;%1&quot;</source>
        <translation>PORT musí být číslo od 1 do 65535, ne &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--role must be producer or consumer</source>
        <translation>--role musí být producer, nebo consumer</translation>
    </message>
    <message>
        <source>--rate must be a number from 1 to 1000000, or max</source>
        <translation>--rate musí být číslo od 1 do 1000000, nebo max</translation>
    </message>
    <message>
        <source>--count must be a positive number</source>
        <translation>--count musí být kladné číslo</translation>
    </message>
    <message>
        <source>--window must be a number from 1 to 1000000</source>
        <translation>--window musí být číslo od 1 do 1000000</translation>
    </message>
    <message>
        <source>the tag SOURCE must be 1 to 12 characters from a-z and 0-9</source>
        <translation>SOURCE označení musí mít 1 až 12 znaků z a-z a 0-9</translation>
    </message>
    <message>
        <source>Names to send: a bundled list, international (the default) or cs (Czech first names), or FILE (one a line; ./cs for a file named cs).</source>
        <translation>Jména k posílání: přibalený seznam, international (výchozí) nebo cs (česká křestní jména), nebo soubor FILE (jedno jméno na řádek; ./cs pro soubor pojmenovaný cs).</translation>
    </message>
    <message>
        <source>Terminal client of the producer-consumer servers.
It connects to HOST:PORT, answers the server&apos;s &quot;Task?&quot; with the role (from --role,
or typed on stdin), then sends names (producer) or takes them (consumer).
A producer reads later stdin lines as a new rate (names per minute, or &quot;max&quot;);
&quot;quit&quot; on stdin, Ctrl-C or SIGTERM end it cleanly. At exit it prints tally lines:
  tally source=S sent=N acknowledged=N                      (producer)
  tally source=S distinct=N max=N gaps=N duplicates=N       (consumer, per source)
  tally received=N                                          (consumer)
With --file FILE a producer sends the lines of FILE once each, as they are, and exits
when all are stored; with --out FILE a consumer writes the names it receives to FILE.
Exit status: 0 when it did what was asked, 1 when it could not, 2 on a usage error.</source>
        <translation>Terminálový klient serverů producent-konzument.
Připojí se k HOST:PORT, na otázku serveru &quot;Task?&quot; odpoví rolí (z --role,
nebo napsanou na stdin) a pak posílá jména (producent), nebo je odebírá (konzument).
Producent čte další řádky ze stdin jako novou rychlost (jmen za minutu, nebo &quot;max&quot;);
&quot;quit&quot; na stdin, Ctrl-C nebo SIGTERM ho čistě ukončí. Na konci vypíše souhrnné řádky:
  tally source=S sent=N acknowledged=N                      (producent)
  tally source=S distinct=N max=N gaps=N duplicates=N       (konzument, za každý zdroj)
  tally received=N                                          (konzument)
S --file FILE producent pošle řádky souboru FILE každý jednou, tak jak jsou, a skončí,
až jsou všechny uložené; s --out FILE konzument zapisuje přijatá jména do souboru FILE.
Návratový kód: 0, když udělal, co se chtělo, 1, když to nešlo, 2 při chybném použití.</translation>
    </message>
    <message>
        <source>Producer: send the lines of FILE byte for byte, in order, once each (LF or CR LF line ends), then quit; exit 1 if a line cannot be sent or the server refuses one. Every line is checked before anything is sent. Default rate: max.</source>
        <translation>Producent: pošle řádky souboru FILE bajt po bajtu, v pořadí, každý jednou (konce řádků LF nebo CR LF), pak skončí; návratový kód 1, když řádek nelze poslat nebo ho server odmítne. Všechny řádky se zkontrolují dřív, než se cokoli pošle. Výchozí rychlost: max.</translation>
    </message>
    <message>
        <source>Consumer: write every name received to FILE, each followed by LF, exactly as received (FILE is replaced).</source>
        <translation>Konzument: zapíše každé přijaté jméno do souboru FILE, přesně jak přišlo, a za ním LF (FILE se přepíše).</translation>
    </message>
    <message>
        <source>Print a line per name also with --file or --out (which print none by default).</source>
        <translation>Vypisovat řádek za každé jméno i s --file nebo --out (ty jinak nevypisují nic).</translation>
    </message>
    <message>
        <source>--file needs a FILE</source>
        <translation>--file potřebuje soubor FILE</translation>
    </message>
    <message>
        <source>--file is for a producer: it does not go with --role consumer</source>
        <translation>--file je pro producenta: nejde dohromady s --role consumer</translation>
    </message>
    <message>
        <source>--file sends the file once, as it is: it does not go with --%1</source>
        <translation>--file pošle soubor jednou, tak jak je: nejde dohromady s --%1</translation>
    </message>
    <message>
        <source>--out needs a FILE</source>
        <translation>--out potřebuje soubor FILE</translation>
    </message>
    <message>
        <source>--out is for a consumer: it does not go with --role producer or --file</source>
        <translation>--out je pro konzumenta: nejde dohromady s --role producer ani s --file</translation>
    </message>
</context>
<context>
    <name>prodcons::common</name>
    <message>
        <source>unexpected argument &apos;%1&apos; (see --help)</source>
        <translation>nečekaný argument &apos;%1&apos; (viz --help)</translation>
    </message>
    <message>
        <source>--prefix takes %1 (for example /prodcons), not &apos;%2&apos;</source>
        <translation>--prefix bere %1 (například /prodcons), ne &apos;%2&apos;</translation>
    </message>
    <message>
        <source>&apos;/&apos; followed by 1 to %1 letters, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos;</source>
        <translation>&apos;/&apos; a za ním 1 až %1 písmen, číslic, &apos;_&apos;, &apos;.&apos; nebo &apos;-&apos;</translation>
    </message>
    <message>
        <source>--slot-size takes %1 to %2 bytes (the longest line is one byte less), not &apos;%3&apos;</source>
        <translation>--slot-size bere %1 až %2 bajtů (nejdelší řádek je o bajt kratší), ne &apos;%3&apos;</translation>
    </message>
    <message>
        <source>Bytes per buffer slot, %1 to %2 (default %3): lines up to one byte less are accepted. Every server of a prefix must use the same size.</source>
        <translation>Bajtů na slot bufferu, %1 až %2 (výchozí %3): přijímají se řádky o bajt kratší. Všechny servery jednoho prefixu musí mít stejnou velikost.</translation>
    </message>
</context>
<context>
    <name>prodcons::common::CleanupFlow</name>
    <message>
        <source>%1 (this window)</source>
        <translation>%1 (toto okno)</translation>
    </message>
    <message numerus="yes">
        <source>%n live server(s) use these objects (pid %1). They keep serving their clients with the removed objects, but no longer share a buffer with servers started later.</source>
        <translation>
            <numerusform>Tyto objekty používá %n běžící server (pid %1). Dál obsluhuje své klienty s odstraněnými objekty, ale už nesdílí buffer se servery spuštěnými později.</numerusform>
            <numerusform>Tyto objekty používají %n běžící servery (pid %1). Dál obsluhují své klienty s odstraněnými objekty, ale už nesdílejí buffer se servery spuštěnými později.</numerusform>
            <numerusform>Tyto objekty používá %n běžících serverů (pid %1). Dál obsluhují své klienty s odstraněnými objekty, ale už nesdílejí buffer se servery spuštěnými později.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 queued name(s) will be discarded.</source>
        <translation>Jména čekající ve frontě budou zahozena (počet: %1).</translation>
    </message>
    <message>
        <source>cannot clean up: %1</source>
        <translation>nelze uklidit: %1</translation>
    </message>
    <message>
        <source>The objects could not be inspected: %1</source>
        <translation>Objekty nelze prozkoumat: %1</translation>
    </message>
    <message>
        <source>Cleanup acts on this machine only: the server at %1 is on another machine and is not affected.</source>
        <translation>Úklid působí jen na tomto počítači: server na %1 je na jiném počítači a úklid se ho nedotkne.</translation>
    </message>
    <message>
        <source>Remove the shared objects?</source>
        <translation>Odstranit sdílené objekty?</translation>
    </message>
    <message>
        <source>Cleanup removes every IPC object of prefix %1 on this machine, whoever uses them.</source>
        <translation>Úklid odstraní všechny IPC objekty s prefixem %1 na tomto počítači, ať je používá kdokoli.</translation>
    </message>
    <message>
        <source>Remove them anyway?</source>
        <translation>Přesto je odstranit?</translation>
    </message>
    <message>
        <source>&amp;Remove anyway</source>
        <translation>&amp;Přesto odstranit</translation>
    </message>
    <message>
        <source>cleanup: %1</source>
        <translation>úklid: %1</translation>
    </message>
    <message>
        <source> (on this machine only; the server&apos;s machine is not affected)</source>
        <translation> (jen na tomto počítači; počítače serveru se to netýká)</translation>
    </message>
    <message>
        <source>Remove it anyway?</source>
        <translation>Přesto odstranit?</translation>
    </message>
</context>
<context>
    <name>prodcons::server</name>
    <message>
        <source>a server</source>
        <translation>server</translation>
    </message>
    <message>
        <source>a producer</source>
        <translation>producent</translation>
    </message>
    <message>
        <source>a consumer</source>
        <translation>konzument</translation>
    </message>
    <message>
        <source>a participant</source>
        <translation>účastník</translation>
    </message>
    <message>
        <source>%1 child of this server</source>
        <translation>%1, potomek tohoto serveru</translation>
    </message>
    <message>
        <source>%1 child of server %2</source>
        <translation>%1, potomek serveru %2</translation>
    </message>
    <message>
        <source>%1 whose parent, process %2, is no server</source>
        <translation>%1, jehož rodič, proces %2, není server</translation>
    </message>
    <message>
        <source>process %1 (%2, %3 mode)</source>
        <translation>proces %1 (%2, režim %3)</translation>
    </message>
    <message>
        <source>Nothing has moved for %1 s: %2 is stopped (SIGSTOP or Ctrl-Z) while it holds the mutex, and every producer and consumer of the prefix waits for it. `kill -CONT %3` lets it go on.</source>
        <translation>Už %1 s se nic nepohnulo: %2 je zastaven (SIGSTOP nebo Ctrl-Z), zatímco drží mutex, a všichni producenti a konzumenti prefixu na něj čekají. `kill -CONT %3` ho nechá pokračovat.</translation>
    </message>
    <message>
        <source> (%1 other process(es) waiting for it now)</source>
        <translation> (počet dalších procesů, které na něj teď čekají: %1)</translation>
    </message>
    <message>
        <source>STALLED: mutex held by %1, which is stopped (SIGSTOP or Ctrl-Z); every producer and consumer of the prefix waits for it%2. `kill -CONT %3` lets it go on.</source>
        <translation>ZASEKNUTO: mutex drží %1, který je zastaven (SIGSTOP nebo Ctrl-Z); všichni producenti a konzumenti prefixu na něj čekají%2. `kill -CONT %3` ho nechá pokračovat.</translation>
    </message>
    <message>
        <source>mutex held by %1, which is dead: the next process to wait for it releases it%2</source>
        <translation>mutex drží %1, který je mrtvý: uvolní ho další proces, který na něj bude čekat%2</translation>
    </message>
    <message>
        <source>mutex held by %1, %2%3</source>
        <translation>mutex drží %1, %2%3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>žádný</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>chybí</translation>
    </message>
    <message>
        <source>value %1</source>
        <translation>hodnota %1</translation>
    </message>
    <message>
        <source>server</source>
        <translation>server</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>producent</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>konzument</translation>
    </message>
    <message>
        <source>IPC objects of prefix %1</source>
        <translation>IPC objekty prefixu %1</translation>
    </message>
    <message>
        <source>CORRUPTED control block (figures below are bounded, not true); remove it with socket_srv --cleanup --prefix %1:</source>
        <translation>POŠKOZENÝ řídicí blok (čísla níže jsou omezená, ne skutečná); odstraňte ho příkazem socket_srv --cleanup --prefix %1:</translation>
    </message>
    <message>
        <source>%1 of %2 messages (%3 bytes each)</source>
        <translation>%1 z %2 zpráv (každá %3 bajtů)</translation>
    </message>
    <message>
        <source>SHM ring: %1 of %2 names, in = %3, out = %4; %5 handed back by consumers</source>
        <translation>kruhový buffer SHM: %1 z %2 jmen, in = %3, out = %4; vráceno konzumenty: %5</translation>
    </message>
    <message>
        <source>MQ: %1 handed back by consumers</source>
        <translation>MQ: vráceno konzumenty: %1</translation>
    </message>
    <message>
        <source>live servers: SHM %1 (pids %2), MQ %3 (pids %4)</source>
        <translation>běžící servery: SHM %1 (pid %2), MQ %3 (pid %4)</translation>
    </message>
    <message>
        <source>names stored / taken: SHM %1 / %2, MQ %3 / %4</source>
        <translation>jména uložená / odebraná: SHM %1 / %2, MQ %3 / %4</translation>
    </message>
    <message>
        <source>recovered: %1 mutex(es) from dead holders, %2 dead participant(s) freed</source>
        <translation>obnoveno: mutexy po mrtvých držitelích: %1, uvolnění mrtví účastníci: %2</translation>
    </message>
    <message>
        <source>, gone: %1 name(s) wait for another consumer</source>
        <translation>, pryč: jména čekající na jiného konzumenta: %1</translation>
    </message>
    <message>
        <source>, dead (not yet freed)</source>
        <translation>, mrtvý (zatím neuvolněný)</translation>
    </message>
    <message>
        <source>, holds %1 unacknowledged name(s)</source>
        <translation>, drží nepotvrzená jména: %1</translation>
    </message>
    <message>
        <source>control block and ring: %1 slots x %2 bytes (lines up to %3 bytes), %4 participant slots (live servers keep %5 of %6 for their clients)</source>
        <translation>řídicí blok a kruh: %1 slotů x %2 bajtů (řádky do %3 bajtů), %4 míst pro účastníky (běžící servery drží %5 z %6 pro své klienty)</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Producent</translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation>Konzument</translation>
    </message>
</context>
<context>
    <name>prodcons::server::BrokerQueuePanel</name>
    <message>
        <source>Queue</source>
        <translation>Fronta</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>Broker</translation>
    </message>
    <message>
        <source>Names ready</source>
        <translation>Připravená jména</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>Konzumenti</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>Fronta:</translation>
    </message>
    <message>
        <source>Broker:</source>
        <translation>Broker:</translation>
    </message>
    <message>
        <source>Names ready:</source>
        <translation>Připravená jména:</translation>
    </message>
    <message>
        <source>Consumers:</source>
        <translation>Konzumenti:</translation>
    </message>
    <message>
        <source>RabbitMQ queue %1: names ready wait for a consumer; each consumer is a child of a server of this prefix</source>
        <translation>Fronta RabbitMQ %1: připravená jména čekají na konzumenta; každý konzument je potomkem některého serveru tohoto prefixu</translation>
    </message>
    <message>
        <source>RabbitMQ queue %1</source>
        <translation>Fronta RabbitMQ %1</translation>
    </message>
    <message>
        <source>No queue %1 on %2: it was cleaned up, or no server of this prefix has used it yet.</source>
        <translation>Fronta %1 na %2 neexistuje: byla uklizena, nebo ji žádný server tohoto prefixu ještě nepoužil.</translation>
    </message>
    <message>
        <source>Asking the broker...</source>
        <translation>Ptám se brokera…</translation>
    </message>
    <message>
        <source>Names unacknowledged</source>
        <translation>Nepotvrzená jména</translation>
    </message>
    <message>
        <source>Queue leader</source>
        <translation>Vedoucí uzel fronty</translation>
    </message>
    <message>
        <source>Cluster nodes</source>
        <translation>Uzly clusteru</translation>
    </message>
    <message>
        <source>The AMQP mode has no ring to draw: the names wait in a RabbitMQ queue shared by every server of this prefix on this broker, wherever they run. Only the broker knows them; it is asked about once a second. Names ready and consumers are its live answer; names unacknowledged (delivered to a consumer, not yet confirmed), the queue&apos;s leader and the cluster&apos;s nodes come from its management API, whose statistics are a few seconds behind. The Teaching part has no view of the broker&apos;s inside.</source>
        <translation>Režim AMQP nemá žádný kruh ke kreslení: jména čekají ve frontě RabbitMQ, kterou sdílejí všechny servery této předpony na tomto brokeru, ať běží kdekoli. Zná je jen broker; ptáme se ho zhruba jednou za sekundu. Připravená jména a konzumenti jsou jeho živá odpověď; nepotvrzená jména (doručená konzumentovi, dosud nepotvrzená), vedoucí uzel fronty a uzly clusteru pocházejí z jeho správcovského API, jehož statistika je o pár sekund pozadu. Část Výuka do nitra brokeru nevidí.</translation>
    </message>
    <message>
        <source>Unacknowledged:</source>
        <translation>Nepotvrzená:</translation>
    </message>
    <message>
        <source>Queue leader:</source>
        <translation>Vedoucí uzel fronty:</translation>
    </message>
    <message>
        <source>Cluster nodes:</source>
        <translation>Uzly clusteru:</translation>
    </message>
    <message>
        <source>none now</source>
        <translation>teď žádný</translation>
    </message>
    <message numerus="yes">
        <source>replicas on %n node(s), %1 online</source>
        <translation>
            <numerusform>repliky na %n uzlu, %1 dostupných</numerusform>
            <numerusform>repliky na %n uzlech, %1 dostupných</numerusform>
            <numerusform>repliky na %n uzlech, %1 dostupných</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: running</source>
        <translation>%1: běží</translation>
    </message>
    <message>
        <source>%1: not running</source>
        <translation>%1: neběží</translation>
    </message>
    <message>
        <source>Names unacknowledged, leader and nodes unknown: %1</source>
        <translation>Nepotvrzená jména, vedoucí uzel a uzly nejsou známy: %1</translation>
    </message>
</context>
<context>
    <name>prodcons::server::BufferModel</name>
    <message>
        <source>slot %1: free</source>
        <translation>slot %1: volný</translation>
    </message>
    <message>
        <source>slot %1: %2</source>
        <translation>slot %1: %2</translation>
    </message>
</context>
<context>
    <name>prodcons::server::BufferPanel</name>
    <message>
        <source>mutex semaphore value</source>
        <translation>hodnota semaforu mutex</translation>
    </message>
    <message>
        <source>empty semaphore value</source>
        <translation>hodnota semaforu empty</translation>
    </message>
    <message>
        <source>full semaphore value</source>
        <translation>hodnota semaforu full</translation>
    </message>
    <message>
        <source>message queue depth</source>
        <translation>hloubka fronty zpráv</translation>
    </message>
    <message>
        <source>servers attached</source>
        <translation>připojené servery</translation>
    </message>
    <message>
        <source>names handed back by consumers</source>
        <translation>jména vrácená konzumenty</translation>
    </message>
    <message>
        <source>Shared buffer of prefix %1 (%2 mode): not created yet</source>
        <translation>Sdílený buffer prefixu %1 (režim %2): zatím nevytvořen</translation>
    </message>
    <message>
        <source>SHM</source>
        <translation>SHM</translation>
    </message>
    <message>
        <source>MQ</source>
        <translation>MQ</translation>
    </message>
    <message>
        <source>Shared memory %1: a ring of %2 slots of %3 bytes, guarded by three named semaphores</source>
        <translation>Sdílená paměť %1: kruhový buffer o %2 slotech po %3 bajtech, chráněný třemi pojmenovanými semafory</translation>
    </message>
    <message>
        <source>POSIX message queue %1: up to %2 messages of %3 bytes</source>
        <translation>POSIXová fronta zpráv %1: až %2 zpráv po %3 bajtech</translation>
    </message>
    <message>
        <source>0 while a process puts or takes a name</source>
        <translation>0, dokud proces vkládá nebo odebírá jméno</translation>
    </message>
    <message>
        <source>guards the table of participants</source>
        <translation>chrání tabulku účastníků</translation>
    </message>
    <message>
        <source>free slots; producers wait at 0</source>
        <translation>volné sloty; producenti čekají na 0</translation>
    </message>
    <message>
        <source>names stored; consumers wait at 0</source>
        <translation>uložená jména; konzumenti čekají na 0</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>messages queued; senders wait when full</source>
        <translation>zprávy ve frontě; odesílatelé čekají, když je plná</translation>
    </message>
    <message>
        <source>%1 (this window)</source>
        <translation>%1 (toto okno)</translation>
    </message>
    <message>
        <source>no server uses these objects now</source>
        <translation>tyto objekty teď nepoužívá žádný server</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <source>sharing one buffer: pids %1</source>
        <translation>sdílí jeden buffer: pid %1</translation>
    </message>
    <message>
        <source>Servers attached</source>
        <translation>Připojené servery</translation>
    </message>
    <message>
        <source>Handed back</source>
        <translation>Vráceno</translation>
    </message>
    <message>
        <source>taken, never acknowledged; given out again first</source>
        <translation>odebráno, nikdy nepotvrzeno; rozdává se znovu jako první</translation>
    </message>
    <message>
        <source>Since the buffer was created: %1 names put, %2 taken. Live clients of all servers: %3 producer(s), %4 consumer(s).</source>
        <translation>Od vytvoření bufferu: vloženo jmen %1, odebráno %2. Živí klienti všech serverů: producenti %3, konzumenti %4.</translation>
    </message>
</context>
<context>
    <name>prodcons::server::BufferView</name>
    <message>
        <source>Shared buffer drawing</source>
        <translation>Kresba sdíleného bufferu</translation>
    </message>
    <message>
        <source>The shared buffer of %1 does not exist yet.</source>
        <translation>Sdílený buffer prefixu %1 zatím neexistuje.</translation>
    </message>
    <message>
        <source>Message queue %1 holds %2 of %3 messages.</source>
        <translation>Fronta zpráv %1 obsahuje %2 z %3 zpráv.</translation>
    </message>
    <message>
        <source>Ring %1 holds %2 of %3 names (%4); producers put the next name in slot %5, consumers take the next from slot %6.</source>
        <translation>Kruhový buffer %1 obsahuje %2 z %3 jmen (%4); producenti vloží další jméno do slotu %5, konzumenti odeberou další ze slotu %6.</translation>
    </message>
    <message>
        <source>too many to list</source>
        <translation>příliš mnoho na výpis</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>prázdný</translation>
    </message>
    <message>
        <source>Seen from outside: this server is stopped, other servers use these objects.</source>
        <translation>Pohled zvenčí: tento server je zastaven, tyto objekty používají jiné servery.</translation>
    </message>
    <message>
        <source>in</source>
        <translation>in</translation>
    </message>
    <message>
        <source>out</source>
        <translation>out</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>names stored</source>
        <translation>uložená jména</translation>
    </message>
    <message>
        <source>messages in %1</source>
        <translation>zprávy v %1</translation>
    </message>
    <message>
        <source>Producers&apos; children send names in with mq_send, consumers&apos; children take them out with mq_receive. A message queue cannot be looked into without taking its names, so only its depth is shown.</source>
        <translation>Potomci producentů vkládají jména pomocí mq_send, potomci konzumentů je odebírají pomocí mq_receive. Do fronty zpráv nelze nahlédnout, aniž by se z ní jména odebrala, proto se ukazuje jen její hloubka.</translation>
    </message>
    <message>
        <source>No shared buffer</source>
        <translation>Žádný sdílený buffer</translation>
    </message>
    <message>
        <source>The first server to start with this prefix creates the objects; the last one to stop removes them.</source>
        <translation>Objekty vytvoří první server spuštěný s tímto prefixem; poslední, který se zastaví, je odstraní.</translation>
    </message>
</context>
<context>
    <name>prodcons::server::ChildTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>ended: %1</source>
        <translation>skončil: %1</translation>
    </message>
    <message>
        <source>ended abnormally: %1</source>
        <translation>skončil abnormálně: %1</translation>
    </message>
    <message>
        <source>Child process %1 serves the client at %2.</source>
        <translation>Proces-potomek %1 obsluhuje klienta na %2.</translation>
    </message>
    <message>
        <source>Connected at %1, for %2.</source>
        <translation>Připojen v %1, po dobu %2.</translation>
    </message>
    <message>
        <source>Producer: %1 name(s) stored in the shared buffer.</source>
        <translation>Producent: jmen uložených ve sdíleném bufferu: %1.</translation>
    </message>
    <message>
        <source>Consumer: %1 name(s) sent, %2 acknowledged by the client.</source>
        <translation>Konzument: odesláno jmen %1, klient potvrdil %2.</translation>
    </message>
    <message>
        <source>The client has not said yet whether it is a producer or a consumer.</source>
        <translation>Klient ještě neřekl, zda je producent, nebo konzument.</translation>
    </message>
    <message>
        <source>%1 line(s) refused with ERROR.</source>
        <translation>Řádky odmítnuté s ERROR: %1.</translation>
    </message>
    <message>
        <source>Ended at %1: %2.</source>
        <translation>Skončil v %1: %2.</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Jména</translation>
    </message>
    <message>
        <source>Rate /min</source>
        <translation>Jmen/min</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stav</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Posl. jméno</translation>
    </message>
    <message>
        <source>Process id of the child forked for this client</source>
        <translation>ID procesu potomka vytvořeného pro tohoto klienta</translation>
    </message>
    <message>
        <source>Address and port of the client</source>
        <translation>Adresa a port klienta</translation>
    </message>
    <message>
        <source>What the client answered to Task?</source>
        <translation>Co klient odpověděl na Task?</translation>
    </message>
    <message>
        <source>Names stored (producer) or acknowledged (consumer)</source>
        <translation>Uložená (producent) nebo potvrzená (konzument) jména</translation>
    </message>
    <message>
        <source>Names per minute over the last two seconds</source>
        <translation>Jmen za minutu za poslední dvě sekundy</translation>
    </message>
    <message>
        <source>When the client connected</source>
        <translation>Kdy se klient připojil</translation>
    </message>
    <message>
        <source>What the child is doing, or how it ended</source>
        <translation>Co potomek dělá, nebo jak skončil</translation>
    </message>
    <message>
        <source>The last name this child moved</source>
        <translation>Poslední jméno, které tento potomek přenesl</translation>
    </message>
</context>
<context>
    <name>prodcons::server::ChromeTrace</name>
    <message>
        <source>cannot write the trace to %1: %2</source>
        <translation>záznam kroků nelze zapsat do %1: %2</translation>
    </message>
</context>
<context>
    <name>prodcons::server::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>Čas</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Událost</translation>
    </message>
</context>
<context>
    <name>prodcons::server::ForkingServer</name>
    <message>
        <source> - the objects belong to another user; pick another prefix or ask their owner to clean up</source>
        <translation> – objekty patří jinému uživateli; zvolte jiný prefix, nebo požádejte jejich vlastníka o úklid</translation>
    </message>
    <message>
        <source>child %1 did not stop within %2 ms; killing it</source>
        <translation>potomek %1 se nezastavil do %2 ms; ukončuji ho násilím</translation>
    </message>
    <message>
        <source>the server is already running</source>
        <translation>server už běží</translation>
    </message>
    <message>
        <source>port %1 is already in use on %2</source>
        <translation>port %1 je na %2 už používán</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>nelze naslouchat na %1:%2: %3</translation>
    </message>
    <message>
        <source>cannot use the shared buffer: %1</source>
        <translation>nelze použít sdílený buffer: %1</translation>
    </message>
    <message>
        <source>serving at most %1 clients at once, not %2: the other servers of the prefix reserve %3 of the %4 client places</source>
        <translation>najednou lze obsloužit nejvýš %1 klientů, ne %2: ostatní servery prefixu si vyhrazují %3 ze %4 míst pro klienty</translation>
    </message>
    <message>
        <source>listening on %1:%2 (%3 mode)</source>
        <translation>naslouchám na %1:%2 (režim %3)</translation>
    </message>
    <message>
        <source>refused %1: the server is stopping</source>
        <translation>odmítnut %1: server se zastavuje</translation>
    </message>
    <message>
        <source>refused %1: server busy (%2 clients, the limit)</source>
        <translation>odmítnut %1: server je vytížen (%2 klientů, limit)</translation>
    </message>
    <message>
        <source>refused %1: fork: %2</source>
        <translation>odmítnut %1: fork: %2</translation>
    </message>
    <message>
        <source>child %1 has no pidfd (pidfd_open: %2): looked at every %3 ms</source>
        <translation>potomek %1 nemá pidfd (pidfd_open: %2): kontroluje se každých %3 ms</translation>
    </message>
    <message>
        <source>connection from %1: child %2</source>
        <translation>spojení z %1: potomek %2</translation>
    </message>
    <message>
        <source>child %1 held %2 unacknowledged name(s); they are back in the buffer</source>
        <translation>potomek %1 držel nepotvrzená jména (%2); jsou zpět v bufferu</translation>
    </message>
    <message>
        <source>child %1 dropped %2 name(s) found in the shared buffer that no producer&apos;s child stores (control characters, &apos;ERROR:&apos;, invalid UTF-8): another process wrote them there</source>
        <translation>potomek %1 zahodil jména (%2) nalezená ve sdíleném bufferu, která žádný potomek producenta neukládá (řídicí znaky, &apos;ERROR:&apos;, neplatné UTF-8): zapsal je tam jiný proces</translation>
    </message>
    <message>
        <source>%1 name(s) delivered</source>
        <translation>doručeno jmen: %1</translation>
    </message>
    <message>
        <source>%1 name(s) stored</source>
        <translation>uloženo jmen: %1</translation>
    </message>
    <message>
        <source>child %1 (%2, %3) ended: %4; %5</source>
        <translation>potomek %1 (%2, %3) skončil: %4; %5</translation>
    </message>
    <message>
        <source>child %1 (%2) is a %3</source>
        <translation>potomek %1 (%2) je %3</translation>
    </message>
    <message>
        <source>freed %1 slot(s) of processes that died; %2 name(s) they held are back in the buffer</source>
        <translation>uvolněny sloty mrtvých procesů: %1; jména, která držely (%2), jsou zpět v bufferu</translation>
    </message>
    <message>
        <source>the shared objects were removed by a cleanup while this server uses them; restart the server to share a buffer again</source>
        <translation>sdílené objekty odstranil úklid, zatímco je tento server používá; pro opětovné sdílení bufferu server restartujte</translation>
    </message>
    <message>
        <source>the stall is over: process %1 no longer holds the mutex stopped, and names can move again</source>
        <translation>zaseknutí skončilo: proces %1 už nedrží mutex zastavený a jména se mohou znovu pohybovat</translation>
    </message>
    <message>
        <source>stopping: ending %1 child(ren)</source>
        <translation>zastavuji: ukončuji potomky (%1)</translation>
    </message>
    <message>
        <source>leaving the shared buffer: %1</source>
        <translation>opouštím sdílený buffer: %1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>zastaveno</translation>
    </message>
    <message>
        <source> - running programs of another layout use these objects; use their slot size (--slot-size), stop them, pick another prefix, or remove the objects (cleanup)</source>
        <translation> – tyto objekty používají běžící programy s jiným uspořádáním; použijte jejich velikost slotu (--slot-size), zastavte je, zvolte jiný prefix, nebo objekty odstraňte (úklid)</translation>
    </message>
    <message>
        <source>the race mode is never used on the default prefix %1, which real demos share: give the server another prefix</source>
        <translation>režim souběhu se nikdy nepoužívá na výchozím prefixu %1, který sdílejí skutečné ukázky: zadejte serveru jiný prefix</translation>
    </message>
    <message>
        <source>RACE MODE on prefix %1: the SHM children of every server of the prefix skip the mutex; names will be overwritten, lost and doubled</source>
        <translation>REŽIM SOUBĚHU na prefixu %1: potomci SHM všech serverů prefixu vynechávají mutex; jména se budou přepisovat, ztrácet a zdvojovat</translation>
    </message>
    <message>
        <source>race mode off (this server): the children use the mutex again, unless another server of %1 still asks for the race</source>
        <translation>režim souběhu vypnut (tento server): potomci znovu používají mutex, pokud o souběh ještě nežádá jiný server prefixu %1</translation>
    </message>
    <message>
        <source>the race mode needs the SHM mode&apos;s mutex; the AMQP mode has none</source>
        <translation>režim souběhu potřebuje mutex režimu SHM; režim AMQP žádný nemá</translation>
    </message>
    <message>
        <source>cannot use the broker: %1</source>
        <translation>brokera nelze použít: %1</translation>
    </message>
    <message>
        <source>listening on %1:%2 (AMQP mode: queue %3 on %4)</source>
        <translation>naslouchá na %1:%2 (režim AMQP: fronta %3 na %4)</translation>
    </message>
    <message>
        <source>connecting to the broker %1 before serving</source>
        <translation>připojování k brokeru %1 před obsluhou klientů</translation>
    </message>
    <message>
        <source>start given up: not waiting any longer for the broker %1</source>
        <translation>spuštění vzdáno: na brokera %1 se už nečeká</translation>
    </message>
</context>
<context>
    <name>prodcons::server::MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Zavřít</translation>
    </message>
    <message>
        <source>Hide these messages (Esc)</source>
        <translation>Skrýt tyto zprávy (Esc)</translation>
    </message>
    <message>
        <source>Dismiss the messages</source>
        <translation>Zavřít zprávy</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Zprávy</translation>
    </message>
</context>
<context>
    <name>prodcons::server::NameText</name>
    <message>
        <source>%1... (%2 bytes)</source>
        <translation>%1... (%2 bajtů)</translation>
    </message>
</context>
<context>
    <name>prodcons::server::ServerWindow</name>
    <message>
        <source>prodcons server</source>
        <translation>server prodcons</translation>
    </message>
    <message>
        <source>MQ</source>
        <translation>MQ</translation>
    </message>
    <message>
        <source>SHM</source>
        <translation>SHM</translation>
    </message>
    <message>
        <source>The buffer is stalled</source>
        <translation>Buffer je zaseknutý</translation>
    </message>
    <message>
        <source>Sta&amp;rt</source>
        <translation>Spus&amp;tit</translation>
    </message>
    <message>
        <source>Start listening and attach to the shared buffer (F5)</source>
        <translation>Začít naslouchat a připojit se ke sdílenému bufferu (F5)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>&amp;Zastavit</translation>
    </message>
    <message>
        <source>Stop listening, end the children and leave the shared buffer (Shift+F5)</source>
        <translation>Přestat naslouchat, ukončit potomky a opustit sdílený buffer (Shift+F5)</translation>
    </message>
    <message>
        <source>&amp;Cleanup...</source>
        <translation>Ukl&amp;idit…</translation>
    </message>
    <message>
        <source>Remove the shared objects of this IPC prefix, e.g. after a crash (Ctrl+Shift+Del)</source>
        <translation>Odstranit sdílené objekty tohoto prefixu IPC, např. po pádu (Ctrl+Shift+Del)</translation>
    </message>
    <message>
        <source>C&amp;lear log</source>
        <translation>&amp;Vymazat záznam</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>U&amp;končit</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Zo&amp;brazení</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Nápověda</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;O programu</translation>
    </message>
    <message>
        <source>About the prodcons server</source>
        <translation>O serveru prodcons</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;prodcons server %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Listens for TCP clients and forks one child process per client. A producer&apos;s child puts the names it receives into the shared buffer; a consumer&apos;s child takes names out and sends them to its client.&lt;/p&gt;&lt;p&gt;Every server with the same IPC prefix and mode shares one buffer: shared memory guarded by three named semaphores (mutex, empty, full), or a POSIX message queue. The first server creates the objects, the last one to stop removes them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;server prodcons %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Přijímá klienty přes TCP a pro každého klienta vytvoří (fork) jeden proces-potomek. Potomek producenta vkládá přijatá jména do sdíleného bufferu; potomek konzumenta jména odebírá a posílá je svému klientovi.&lt;/p&gt;&lt;p&gt;Všechny servery se stejným prefixem IPC a režimem sdílejí jeden buffer: sdílenou paměť chráněnou třemi pojmenovanými semafory (mutex, empty, full), nebo POSIXovou frontu zpráv. Objekty vytvoří první server, poslední, který se zastaví, je odstraní.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>Spustit server</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>Zastavit server</translation>
    </message>
    <message>
        <source>Remove the shared objects</source>
        <translation>Odstranit sdílené objekty</translation>
    </message>
    <message>
        <source>Shared buffer</source>
        <translation>Sdílený buffer</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Potomci</translation>
    </message>
    <message>
        <source>Children: one process per client</source>
        <translation>Potomci: jeden proces na klienta</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Záznam</translation>
    </message>
    <message>
        <source>&amp;Buffer</source>
        <translation>&amp;Buffer</translation>
    </message>
    <message>
        <source>&amp;Children</source>
        <translation>Po&amp;tomci</translation>
    </message>
    <message>
        <source>Lo&amp;g</source>
        <translation>Zá&amp;znam</translation>
    </message>
    <message>
        <source>Server state</source>
        <translation>Stav serveru</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Režim</translation>
    </message>
    <message>
        <source>Address and port</source>
        <translation>Adresa a port</translation>
    </message>
    <message>
        <source>Buffer fill</source>
        <translation>Zaplnění bufferu</translation>
    </message>
    <message>
        <source>Servers attached</source>
        <translation>Připojené servery</translation>
    </message>
    <message>
        <source>The server cannot start</source>
        <translation>Server nelze spustit</translation>
    </message>
    <message>
        <source>Another program (maybe another server window) listens on this port: pick another port, or stop that program.</source>
        <translation>Na tomto portu naslouchá jiný program (možná jiné okno serveru): zvolte jiný port, nebo ten program zastavte.</translation>
    </message>
    <message>
        <source>The server could not start</source>
        <translation>Server se nepodařilo spustit</translation>
    </message>
    <message>
        <source>Discard the queued names?</source>
        <translation>Zahodit jména ve frontě?</translation>
    </message>
    <message>
        <source>%1 name(s) are still in the shared buffer, and this is the last server attached to it.</source>
        <translation>Ve sdíleném bufferu jsou stále jména (%1) a tohle je poslední server, který je k němu připojen.</translation>
    </message>
    <message>
        <source>Stopping removes the buffer and discards them. Connect a consumer to take them first, or start another server with the same prefix and mode to keep them.</source>
        <translation>Zastavení buffer odstraní a jména zahodí. Nejdřív připojte konzumenta, aby je odebral, nebo je zachovejte spuštěním dalšího serveru se stejným prefixem a režimem.</translation>
    </message>
    <message>
        <source>&amp;Close and discard</source>
        <translation>&amp;Zavřít a zahodit</translation>
    </message>
    <message>
        <source>&amp;Stop and discard</source>
        <translation>&amp;Zastavit a zahodit</translation>
    </message>
    <message>
        <source>&amp;Keep running</source>
        <translation>&amp;Nechat běžet</translation>
    </message>
    <message>
        <source>The server reports a problem</source>
        <translation>Server hlásí problém</translation>
    </message>
    <message>
        <source>Cleanup</source>
        <translation>Úklid</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid IPC prefix: %2</source>
        <translation>&apos;%1&apos; není platný prefix IPC: %2</translation>
    </message>
    <message>
        <source>The objects cannot be read: %1</source>
        <translation>Objekty nelze přečíst: %1</translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation>Zastavuji…</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Naslouchá</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Zastaven</translation>
    </message>
    <message>
        <source>%1 mode</source>
        <translation>režim %1</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>nenaslouchá</translation>
    </message>
    <message>
        <source>all interfaces, port %1</source>
        <translation>všechna rozhraní, port %1</translation>
    </message>
    <message>
        <source>1 child</source>
        <translation>1 potomek</translation>
    </message>
    <message>
        <source>%1 children</source>
        <translation>potomků: %1</translation>
    </message>
    <message>
        <source>buffer %1 / %2</source>
        <translation>buffer %1 / %2</translation>
    </message>
    <message>
        <source>no buffer</source>
        <translation>žádný buffer</translation>
    </message>
    <message>
        <source>1 server attached</source>
        <translation>1 připojený server</translation>
    </message>
    <message>
        <source>%1 servers attached</source>
        <translation>připojených serverů: %1</translation>
    </message>
    <message>
        <source>Each client is served by a child process that this server forked for it.</source>
        <translation>Každého klienta obsluhuje proces-potomek, který pro něj tento server vytvořil (fork).</translation>
    </message>
    <message>
        <source>No client yet. Connect one with the client window, or: socket_cl %1 %2 --role producer</source>
        <translation>Zatím žádný klient. Připojte ho oknem klienta, nebo: socket_cl %1 %2 --role producer</translation>
    </message>
    <message>
        <source>Start the server, then connect producer and consumer clients to it.</source>
        <translation>Spusťte server a pak k němu připojte klienty producenty a konzumenty.</translation>
    </message>
    <message>
        <source>%1 on port %2</source>
        <translation>%1 na portu %2</translation>
    </message>
    <message>
        <source>&amp;Race mode: skip the mutex (teaching)</source>
        <translation>Režim s&amp;ouběhu: bez mutexu (výuka)</translation>
    </message>
    <message>
        <source>While this server runs, the SHM producers and consumers of every server of the prefix skip the mutex, so that a class sees names overwritten, lost and doubled. Never on the default prefix /prodcons.</source>
        <translation>Dokud tento server běží, producenti a konzumenti SHM všech serverů prefixu vynechávají mutex, aby třída viděla přepsaná, ztracená a zdvojená jména. Nikdy na výchozím prefixu /prodcons.</translation>
    </message>
    <message>
        <source>Children and lo&amp;g</source>
        <translation>Potomci a zá&amp;znam</translation>
    </message>
    <message>
        <source>&amp;Teaching</source>
        <translation>Vý&amp;uka</translation>
    </message>
    <message>
        <source>RACE MODE on %1: producers and consumers skip the mutex on purpose; names are overwritten, lost and doubled. For teaching only: Server &gt; Race mode turns it off for this server.</source>
        <translation>REŽIM SOUBĚHU na %1: producenti a konzumenti úmyslně vynechávají mutex; jména se přepisují, ztrácejí a zdvojují. Jen pro výuku: Server &gt; Režim souběhu ho pro tento server vypne.</translation>
    </message>
    <message>
        <source>Save &amp;trace...</source>
        <translation>Uložit záznam &amp;kroků…</translation>
    </message>
    <message>
        <source>Write the steps seen in the Teaching part as a Chrome trace (JSON), which ui.perfetto.dev and chrome://tracing open: one track per child</source>
        <translation>Zapsat kroky viděné v části Výuka jako Chrome trace (JSON), který otevře ui.perfetto.dev i chrome://tracing: jedna stopa na potomka</translation>
    </message>
    <message>
        <source>Save trace</source>
        <translation>Uložit záznam kroků</translation>
    </message>
    <message>
        <source>No step seen yet: the steps are recorded while the Teaching part is shown.</source>
        <translation>Zatím žádný krok: kroky se zaznamenávají, dokud je zobrazena část Výuka.</translation>
    </message>
    <message>
        <source>Chrome trace (*.json)</source>
        <translation>Chrome trace (*.json)</translation>
    </message>
    <message>
        <source>%1 steps of %2 processes written to %3; open it in ui.perfetto.dev or chrome://tracing.</source>
        <translation>Kroků: %1, procesů: %2, zapsáno do %3; otevřete v ui.perfetto.dev nebo chrome://tracing.</translation>
    </message>
    <message>
        <source>AMQP</source>
        <translation>AMQP</translation>
    </message>
    <message>
        <source>cannot clean up: %1</source>
        <translation>nelze uklidit: %1</translation>
    </message>
    <message>
        <source>Delete the queue?</source>
        <translation>Smazat frontu?</translation>
    </message>
    <message>
        <source>Cleanup deletes the queue %1 on %2, and the names in it, whoever uses it.</source>
        <translation>Úklid smaže frontu %1 na %2 i se jmény v ní, ať ji používá kdokoli.</translation>
    </message>
    <message>
        <source>cleanup: the queue could not be deleted: %1</source>
        <translation>úklid: frontu nelze smazat: %1</translation>
    </message>
    <message>
        <source>Not asked while this window&apos;s server is stopped: Start connects to the broker.</source>
        <translation>Dokud je server tohoto okna zastaven, broker se neptá: Spustit se k brokeru připojí.</translation>
    </message>
    <message>
        <source>The AMQP mode has no teaching view: the names move inside the broker, where no step can be seen or paused. Choose SHM or MQ to teach.</source>
        <translation>Režim AMQP nemá výukový pohled: jména se pohybují uvnitř brokera, kde žádný krok nejde vidět ani pozastavit. Pro výuku zvolte SHM nebo MQ.</translation>
    </message>
    <message>
        <source>Delete the RabbitMQ queue of this prefix, and the names in it (Ctrl+Shift+Del)</source>
        <translation>Smazat frontu RabbitMQ tohoto prefixu i se jmény v ní (Ctrl+Shift+Del)</translation>
    </message>
    <message>
        <source>queue: %1 ready</source>
        <translation>fronta: připraveno %1</translation>
    </message>
    <message>
        <source>queue: -</source>
        <translation>fronta: -</translation>
    </message>
    <message>
        <source>%1 consumer(s)</source>
        <translation>konzumentů: %1</translation>
    </message>
    <message>
        <source>consumers: -</source>
        <translation>konzumenti: -</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Připojování k %1…</translation>
    </message>
    <message>
        <source>Connecting to %1: the queue is asked about once the broker has answered.</source>
        <translation>Připojuji se k %1: na frontu se zeptám, jakmile broker odpoví.</translation>
    </message>
</context>
<context>
    <name>prodcons::server::ServerWindowCommandLine</name>
    <message>
        <source>TCP port to listen on (1-65535; 0: any free port).</source>
        <translation>TCP port, na kterém naslouchat (1-65535; 0: libovolný volný port).</translation>
    </message>
    <message>
        <source>Address to listen on: 127.0.0.1 (this computer only), &apos;any&apos; (all interfaces), or an address.</source>
        <translation>Adresa, na které naslouchat: 127.0.0.1 (jen tento počítač), &apos;any&apos; (všechna rozhraní), nebo adresa.</translation>
    </message>
    <message>
        <source>IPC name prefix, e.g. /prodcons (objects /prodcons_shm, /prodcons_mq, ...); default: $PRODCONS_IPC_PREFIX or /prodcons.</source>
        <translation>Prefix názvů IPC, např. /prodcons (objekty /prodcons_shm, /prodcons_mq, ...); výchozí: $PRODCONS_IPC_PREFIX nebo /prodcons.</translation>
    </message>
    <message>
        <source>Start listening at once.</source>
        <translation>Hned začít naslouchat.</translation>
    </message>
    <message>
        <source>Neither read nor save the remembered settings and window geometry (for scripts).</source>
        <translation>Nečíst ani neukládat zapamatované nastavení a geometrii okna (pro skripty).</translation>
    </message>
    <message>
        <source>--port takes a number from 0 to 65535, not &apos;%1&apos;</source>
        <translation>--port bere číslo od 0 do 65535, ne &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--bind takes an address such as 127.0.0.1, or &apos;any&apos;, not &apos;%1&apos;</source>
        <translation>--bind bere adresu, například 127.0.0.1, nebo &apos;any&apos;, ne &apos;%1&apos;</translation>
    </message>
    <message>
        <source>The producer-consumer server window: it forks one child process per client, and
the children of every server with the same IPC prefix and mode share one buffer
(shared memory and three semaphores, or a POSIX message queue); in the AMQP mode
they share a RabbitMQ queue with every server of the same broker, wherever it runs.
Options given here override the settings the window remembers.</source>
        <translation>Okno serveru producent-konzument: pro každého klienta vytvoří (fork) jeden proces-potomek
a potomci všech serverů se stejným prefixem IPC a režimem sdílejí jeden buffer
(sdílenou paměť a tři semafory, nebo POSIXovou frontu zpráv); v režimu AMQP sdílejí
frontu RabbitMQ se všemi servery téhož brokera, ať běží kdekoli.
Volby zadané zde mají přednost před nastavením, které si okno pamatuje.</translation>
    </message>
    <message>
        <source>Buffer: shm (shared memory and semaphores), mq (POSIX message queue) or amqp (a RabbitMQ queue, as -amqp).</source>
        <translation>Buffer: shm (sdílená paměť a semafory), mq (POSIXová fronta zpráv), nebo amqp (fronta RabbitMQ, jako -amqp).</translation>
    </message>
    <message>
        <source>--mode takes shm, mq or amqp, not &apos;%1&apos;</source>
        <translation>--mode bere shm, mq, nebo amqp, ne &apos;%1&apos;</translation>
    </message>
    <message>
        <source>choose one mode: --mode %1 or -amqp</source>
        <translation>zvolte jeden režim: --mode %1, nebo -amqp</translation>
    </message>
</context>
<context>
    <name>prodcons::server::ServerWindowSettings</name>
    <message>
        <source>&apos;%1&apos; is not an address to listen on; use 127.0.0.1, &apos;any&apos; or an address of this computer</source>
        <translation>&apos;%1&apos; není adresa, na které lze naslouchat; použijte 127.0.0.1, &apos;any&apos; nebo adresu tohoto počítače</translation>
    </message>
    <message>
        <source>the IPC prefix &apos;%1&apos; cannot be used: it must be %2 (for example /prodcons)</source>
        <translation>prefix IPC &apos;%1&apos; nelze použít: musí to být %2 (například /prodcons)</translation>
    </message>
    <message>
        <source>a slot size of %1 bytes cannot be used: it must be %2 to %3</source>
        <translation>velikost slotu %1 bajtů nelze použít: musí být %2 až %3</translation>
    </message>
</context>
<context>
    <name>prodcons::server::SettingsPanel</name>
    <message>
        <source>any free</source>
        <translation>libovolný volný</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>TCP port clients connect to (0: let the system pick a free one)</source>
        <translation>TCP port, ke kterému se připojují klienti (0: volný port vybere systém)</translation>
    </message>
    <message>
        <source>SHM: shared memory</source>
        <translation>SHM: sdílená paměť</translation>
    </message>
    <message>
        <source>MQ: message queue</source>
        <translation>MQ: fronta zpráv</translation>
    </message>
    <message>
        <source>Buffer mode</source>
        <translation>Režim bufferu</translation>
    </message>
    <message>
        <source>127.0.0.1 (this computer)</source>
        <translation>127.0.0.1 (tento počítač)</translation>
    </message>
    <message>
        <source>all interfaces</source>
        <translation>všechna rozhraní</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>Naslouchat na</translation>
    </message>
    <message>
        <source>All interfaces lets clients on other computers connect</source>
        <translation>Všechna rozhraní umožní připojení klientům z jiných počítačů</translation>
    </message>
    <message>
        <source>IPC name prefix</source>
        <translation>Prefix názvů IPC</translation>
    </message>
    <message>
        <source>Advanced: the names of the shared objects. /prodcons gives /prodcons_shm, /prodcons_mutex, /prodcons_empty, /prodcons_full and /prodcons_mq. Servers with different prefixes share nothing.</source>
        <translation>Pokročilé: názvy sdílených objektů. /prodcons dává /prodcons_shm, /prodcons_mutex, /prodcons_empty, /prodcons_full a /prodcons_mq. Servery s různými prefixy nesdílejí nic.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Režim:</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Adresa:</translation>
    </message>
    <message>
        <source>IPC pre&amp;fix:</source>
        <translation>Pre&amp;fix IPC:</translation>
    </message>
    <message>
        <source>address %1</source>
        <translation>adresa %1</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bajtů</translation>
    </message>
    <message>
        <source>Slot size</source>
        <translation>Velikost slotu</translation>
    </message>
    <message>
        <source>Bytes per slot of the shared buffer: lines up to one byte less are accepted. Every server of a prefix must use the same size. 8192 carries the classic picture test (lines of 2,047 bytes).</source>
        <translation>Bajtů na slot sdíleného bufferu: přijímají se řádky o bajt kratší. Všechny servery jednoho prefixu musí mít stejnou velikost. 8192 unese klasický test s obrázkem (řádky o 2 047 bajtech).</translation>
    </message>
    <message>
        <source>&amp;Slots:</source>
        <translation>&amp;Sloty:</translation>
    </message>
    <message>
        <source>AMQP: RabbitMQ</source>
        <translation>AMQP: RabbitMQ</translation>
    </message>
    <message>
        <source>Servers share a buffer with every other server of the same prefix and mode on this computer; in the AMQP mode, a RabbitMQ queue with every server of the prefix on the same broker, wherever it runs</source>
        <translation>Servery sdílejí buffer se všemi ostatními servery se stejným prefixem a režimem na tomto počítači; v režimu AMQP frontu RabbitMQ se všemi servery prefixu na témže brokeru, ať běží kdekoli</translation>
    </message>
    <message>
        <source>No password here: the user and password come from a credentials file (its first line user:password, readable by you only), else from $PRODCONS_BROKER_URL, else guest:guest.</source>
        <translation>Heslo sem nepatří: uživatel a heslo se berou ze souboru s přihlašovacími údaji (první řádek uživatel:heslo, čitelný jen pro vás), jinak z $PRODCONS_BROKER_URL, jinak guest:guest.</translation>
    </message>
    <message>
        <source>Broker URL</source>
        <translation>URL brokera</translation>
    </message>
    <message>
        <source>The RabbitMQ broker: amqp://host:port/vhost or amqps://..., or the nodes of a cluster separated by commas, tried in turn (empty: $PRODCONS_BROKER_URL, else amqp://localhost:5672/).</source>
        <translation>Broker RabbitMQ: amqp://počítač:port/vhost nebo amqps://..., nebo uzly clusteru oddělené čárkami, zkoušené postupně (prázdné: $PRODCONS_BROKER_URL, jinak amqp://localhost:5672/).</translation>
    </message>
    <message>
        <source>none: guest or $PRODCONS_BROKER_URL&apos;s</source>
        <translation>žádný: guest nebo údaje z $PRODCONS_BROKER_URL</translation>
    </message>
    <message>
        <source>Broker credentials file</source>
        <translation>Soubor s přihlašovacími údaji k brokeru</translation>
    </message>
    <message>
        <source>A file whose first line is user:password (default: the user and password of $PRODCONS_BROKER_URL, else guest:guest).</source>
        <translation>Soubor, jehož první řádek je uživatel:heslo (výchozí: uživatel a heslo z $PRODCONS_BROKER_URL, jinak guest:guest).</translation>
    </message>
    <message>
        <source>Bro&amp;ker:</source>
        <translation>Bro&amp;ker:</translation>
    </message>
    <message>
        <source>Cre&amp;dentials file:</source>
        <translation>Soubor s ú&amp;daji:</translation>
    </message>
</context>
<context>
    <name>prodcons::server::StepCodeModel</name>
    <message>
        <source>gone; it stopped here</source>
        <translation>odešel; skončil zde</translation>
    </message>
    <message>
        <source>no step yet</source>
        <translation>zatím žádný krok</translation>
    </message>
    <message>
        <source>not watched</source>
        <translation>nesledováno</translation>
    </message>
    <message>
        <source>%1, paused</source>
        <translation>%1, pozastaveno</translation>
    </message>
    <message>
        <source>waiting for empty (a free slot)</source>
        <translation>čeká na empty (volný slot)</translation>
    </message>
    <message>
        <source>waiting for full (a name)</source>
        <translation>čeká na full (jméno)</translation>
    </message>
    <message>
        <source>waiting for the mutex</source>
        <translation>čeká na mutex</translation>
    </message>
    <message>
        <source>running, holds the mutex</source>
        <translation>běží, drží mutex</translation>
    </message>
    <message>
        <source>running</source>
        <translation>běží</translation>
    </message>
    <message>
        <source>sending; waits while the queue is full</source>
        <translation>posílá; čeká, dokud je fronta plná</translation>
    </message>
    <message>
        <source>receiving; waits while the queue is empty</source>
        <translation>přijímá; čeká, dokud je fronta prázdná</translation>
    </message>
    <message>
        <source>talking to its client: waiting for a name</source>
        <translation>mluví s klientem: čeká na jméno</translation>
    </message>
    <message>
        <source>talking to its client: waiting for OK</source>
        <translation>mluví s klientem: čeká na OK</translation>
    </message>
    <message>
        <source>talking to its client: sending OK</source>
        <translation>mluví s klientem: posílá OK</translation>
    </message>
    <message>
        <source>talking to its client: sending the name</source>
        <translation>mluví s klientem: posílá jméno</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>, moving %1</source>
        <translation>, přesouvá %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>done; holds the mutex, paused before the next line</source>
        <translation>hotovo; drží mutex, pozastaven před dalším řádkem</translation>
    </message>
    <message>
        <source>done; paused before the next line</source>
        <translation>hotovo; pozastaven před dalším řádkem</translation>
    </message>
    <message>
        <source>done; holds the mutex, slowed down before the next line</source>
        <translation>hotovo; drží mutex, zpomalen před dalším řádkem</translation>
    </message>
    <message>
        <source>done; slowed down before the next line</source>
        <translation>hotovo; zpomalen před dalším řádkem</translation>
    </message>
</context>
<context>
    <name>prodcons::server::StepCodeView</name>
    <message>
        <source>Code view</source>
        <translation>Kód</translation>
    </message>
    <message>
        <source>No producer or consumer yet: the children of every server of this prefix appear here.</source>
        <translation>Zatím žádný producent ani konzument: zde se objeví potomci všech serverů tohoto prefixu.</translation>
    </message>
</context>
<context>
    <name>prodcons::server::StepCommands</name>
    <message>
        <source>quit                 stop: end the children, leave the buffer and exit</source>
        <translation>quit                 zastavit: ukončit potomky, opustit buffer a skončit</translation>
    </message>
    <message>
        <source>status               the buffer, the servers, and each child&apos;s latest step</source>
        <translation>status               buffer, servery a poslední krok každého potomka</translation>
    </message>
    <message>
        <source>tempo [MS]           every producer and consumer of the prefix waits MS milliseconds (0 to %1) before each step; 0 is full speed; no MS: show it</source>
        <translation>tempo [MS]           každý producent a konzument prefixu čeká před každým krokem MS milisekund (0 až %1); 0 je plná rychlost; bez MS: ukázat tempo</translation>
    </message>
    <message>
        <source>pause                every producer and consumer stops before its next step</source>
        <translation>pause                každý producent a konzument se zastaví před svým dalším krokem</translation>
    </message>
    <message>
        <source>resume               go on after a pause</source>
        <translation>resume               pokračovat po pozastavení</translation>
    </message>
    <message>
        <source>step [PID]           while paused: one step for child PID, or for the next in line</source>
        <translation>step [PID]           při pozastavení: jeden krok pro potomka PID, nebo pro dalšího na řadě</translation>
    </message>
    <message>
        <source>watching the children&apos;s steps from now on (each step they take is recorded, a little work for them); a child shows its step in &apos;status&apos; once it takes one</source>
        <translation>od teď sleduji kroky potomků (každý jejich krok se zaznamená, což pro ně znamená trochu práce navíc); potomek ukáže svůj krok v &apos;status&apos;, jakmile nějaký udělá</translation>
    </message>
    <message>
        <source>tempo: full speed</source>
        <translation>tempo: plná rychlost</translation>
    </message>
    <message>
        <source>tempo: %1 ms before each step</source>
        <translation>tempo: %1 ms před každým krokem</translation>
    </message>
    <message>
        <source>tempo takes 0 to %1 milliseconds, not &apos;%2&apos;: e.g. &apos;tempo 500&apos;; &apos;tempo 0&apos; is full speed</source>
        <translation>tempo bere 0 až %1 milisekund, ne &apos;%2&apos;: např. &apos;tempo 500&apos;; &apos;tempo 0&apos; je plná rychlost</translation>
    </message>
    <message>
        <source>tempo 0: every producer and consumer of the prefix runs at full speed</source>
        <translation>tempo 0: každý producent a konzument prefixu běží plnou rychlostí</translation>
    </message>
    <message>
        <source>tempo %1: every producer and consumer of the prefix waits %1 ms before each step</source>
        <translation>tempo %1: každý producent a konzument prefixu čeká před každým krokem %1 ms</translation>
    </message>
    <message>
        <source>already paused; &apos;step&apos; or &apos;step PID&apos; lets one step through, &apos;resume&apos; goes on</source>
        <translation>už je pozastaveno; &apos;step&apos; nebo &apos;step PID&apos; pustí jeden krok, &apos;resume&apos; pokračuje</translation>
    </message>
    <message>
        <source>paused: every producer and consumer of the prefix stops before its next step; &apos;step&apos; or &apos;step PID&apos; lets one step through, &apos;resume&apos; goes on</source>
        <translation>pozastaveno: každý producent a konzument prefixu se zastaví před svým dalším krokem; &apos;step&apos; nebo &apos;step PID&apos; pustí jeden krok, &apos;resume&apos; pokračuje</translation>
    </message>
    <message>
        <source>not paused</source>
        <translation>není pozastaveno</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>pokračuje se</translation>
    </message>
    <message>
        <source>step takes the pid of a producer or consumer, or nothing for the next in line; not &apos;%1&apos;</source>
        <translation>step bere pid producenta nebo konzumenta, nebo nic pro dalšího na řadě; ne &apos;%1&apos;</translation>
    </message>
    <message>
        <source>step: not paused, so every step is taken anyway; type &apos;pause&apos; first</source>
        <translation>step: není pozastaveno, takže se každý krok provede i tak; nejdřív napište &apos;pause&apos;</translation>
    </message>
    <message>
        <source>step: one step for whichever producer or consumer comes first</source>
        <translation>step: jeden krok pro toho producenta nebo konzumenta, který přijde na řadu první</translation>
    </message>
    <message>
        <source>step: no producer or consumer of this prefix has pid %1 (see &apos;status&apos;)</source>
        <translation>step: žádný producent ani konzument tohoto prefixu nemá pid %1 (viz &apos;status&apos;)</translation>
    </message>
    <message>
        <source>step: one step for %1 (%2 %3)</source>
        <translation>step: jeden krok pro %1 (%2 %3)</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>plná rychlost</translation>
    </message>
    <message>
        <source>tempo %1 ms before each step</source>
        <translation>tempo %1 ms před každým krokem</translation>
    </message>
    <message>
        <source>, paused (%1 single step(s) granted so far)</source>
        <translation>, pozastaveno (dosud povolených jednotlivých kroků: %1)</translation>
    </message>
    <message>
        <source>, RACE MODE (the SHM children skip the mutex)</source>
        <translation>, REŽIM SOUBĚHU (potomci SHM vynechávají mutex)</translation>
    </message>
    <message>
        <source>teaching: %1; steps watched by %2 server(s)</source>
        <translation>výuka: %1; serverů, které sledují kroky: %2</translation>
    </message>
    <message>
        <source>children of this server: none</source>
        <translation>potomci tohoto serveru: žádní</translation>
    </message>
    <message>
        <source>children of this server, at their latest step:</source>
        <translation>potomci tohoto serveru a jejich poslední krok:</translation>
    </message>
    <message>
        <source>%1 %2 %3: no step seen yet</source>
        <translation>%1 %2 %3: zatím žádný krok</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>zatím nic</translation>
    </message>
    <message>
        <source>waiting for a free slot</source>
        <translation>čeká na volný slot</translation>
    </message>
    <message>
        <source>waiting for a name</source>
        <translation>čeká na jméno</translation>
    </message>
    <message>
        <source>waiting for the mutex</source>
        <translation>čeká na mutex</translation>
    </message>
    <message>
        <source>writing %1 into slot %2</source>
        <translation>zapisuje %1 do slotu %2</translation>
    </message>
    <message>
        <source>reading %1 from slot %2</source>
        <translation>čte %1 ze slotu %2</translation>
    </message>
    <message>
        <source>moving in to %1</source>
        <translation>posouvá in na %1</translation>
    </message>
    <message>
        <source>moving out to %1</source>
        <translation>posouvá out na %1</translation>
    </message>
    <message>
        <source>releasing the mutex</source>
        <translation>uvolňuje mutex</translation>
    </message>
    <message>
        <source>signalling a stored name</source>
        <translation>signalizuje uložené jméno</translation>
    </message>
    <message>
        <source>signalling a free slot</source>
        <translation>signalizuje volný slot</translation>
    </message>
    <message>
        <source>sending %1 to the queue (waits while it is full)</source>
        <translation>posílá %1 do fronty (čeká, dokud je plná)</translation>
    </message>
    <message>
        <source>receiving from the queue (waits while it is empty)</source>
        <translation>přijímá z fronty (čeká, dokud je prázdná)</translation>
    </message>
    <message>
        <source>reading from its client</source>
        <translation>čte od svého klienta</translation>
    </message>
    <message>
        <source>writing to its client</source>
        <translation>píše svému klientovi</translation>
    </message>
    <message>
        <source>%1 %2 %3: %4 done, next %5</source>
        <translation>%1 %2 %3: %4 hotovo, další %5</translation>
    </message>
</context>
<context>
    <name>prodcons::server::TeachingPanel</name>
    <message>
        <source>Code view</source>
        <translation>Kód</translation>
    </message>
    <message>
        <source>Slow motion: the wait before each step</source>
        <translation>Zpomalení: čekání před každým krokem</translation>
    </message>
    <message>
        <source>How long every producer and consumer of the prefix waits before each step, from full speed to 2 s per step. Shared by every server of the prefix.</source>
        <translation>Jak dlouho každý producent a konzument prefixu čeká před každým krokem, od plné rychlosti po 2 s na krok. Sdílejí to všechny servery prefixu.</translation>
    </message>
    <message>
        <source>Pause every producer and consumer of the prefix at its next step, or let them all go on</source>
        <translation>Pozastavit každého producenta a konzumenta prefixu před jeho dalším krokem, nebo je všechny nechat pokračovat</translation>
    </message>
    <message>
        <source>The child that takes the next step</source>
        <translation>Potomek, který udělá další krok</translation>
    </message>
    <message>
        <source>next in line</source>
        <translation>kdokoli další</translation>
    </message>
    <message>
        <source>St&amp;ep</source>
        <translation>Kro&amp;k</translation>
    </message>
    <message>
        <source>While paused: let the chosen child (or whichever comes first) take exactly one step</source>
        <translation>Při pozastavení: nechat vybraného potomka (nebo kohokoli prvního) udělat právě jeden krok</translation>
    </message>
    <message>
        <source>Slo&amp;w motion:</source>
        <translation>Zpo&amp;malení:</translation>
    </message>
    <message>
        <source>&amp;Next step by:</source>
        <translation>&amp;Další krok:</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Pokračov&amp;at</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>Pauz&amp;a</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>prodcons::server::TerminalServer</name>
    <message>
        <source>type &apos;quit&apos; to stop, &apos;status&apos; to see the buffer</source>
        <translation>napište &apos;quit&apos; pro zastavení, &apos;status&apos; pro zobrazení bufferu</translation>
    </message>
    <message>
        <source>quit: stopping</source>
        <translation>quit: zastavuji</translation>
    </message>
    <message>
        <source>end of standard input: stopping</source>
        <translation>konec standardního vstupu: zastavuji</translation>
    </message>
    <message>
        <source>signal received: stopping</source>
        <translation>přijat signál: zastavuji</translation>
    </message>
    <message>
        <source>teaching: &apos;tempo MS&apos;, &apos;pause&apos;, &apos;resume&apos;, &apos;step [PID]&apos;; &apos;help&apos; lists the commands</source>
        <translation>výuka: &apos;tempo MS&apos;, &apos;pause&apos;, &apos;resume&apos;, &apos;step [PID]&apos;; &apos;help&apos; vypíše příkazy</translation>
    </message>
    <message>
        <source>recording the steps of every producer and consumer of the prefix; the trace goes to %1 when the server stops</source>
        <translation>zaznamenávám kroky všech producentů a konzumentů prefixu; při zastavení serveru se záznam kroků zapíše do %1</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;; type &apos;help&apos; for the commands, &apos;quit&apos; to stop</source>
        <translation>neznámý příkaz &apos;%1&apos;; napište &apos;help&apos; pro seznam příkazů, &apos;quit&apos; pro zastavení</translation>
    </message>
    <message>
        <source>trace written to %1: %2 step(s) of %3 process(es); open it in ui.perfetto.dev or chrome://tracing</source>
        <translation>záznam kroků zapsán do %1: kroků %2, procesů %3; otevřete ho v ui.perfetto.dev nebo chrome://tracing</translation>
    </message>
    <message>
        <source>; %1 step(s) over the limit of %2 were not kept</source>
        <translation>; kroky nad limit %2 nebyly uchovány (počet: %1)</translation>
    </message>
    <message>
        <source>; %1 step(s) were overwritten in the children&apos;s rings before they could be read (the fast parts of a run at full speed)</source>
        <translation>; kroky přepsané v kruhových bufferech potomků dřív, než mohly být přečteny: %1 (rychlé úseky běhu při plné rychlosti)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is for the SHM and MQ modes: a RabbitMQ queue&apos;s steps happen inside the broker</source>
        <translation>&apos;%1&apos; patří k režimům SHM a MQ: kroky fronty RabbitMQ se dějí uvnitř brokera</translation>
    </message>
</context>
<context>
    <name>prodcons::server::TerminalServerCommandLine</name>
    <message>
        <source>Serve through shared memory and semaphores.</source>
        <translation>Obsluhovat přes sdílenou paměť a semafory.</translation>
    </message>
    <message>
        <source>Serve through a POSIX message queue.</source>
        <translation>Obsluhovat přes POSIXovou frontu zpráv.</translation>
    </message>
    <message>
        <source>Address to listen on: 127.0.0.1 (default), &apos;localhost&apos;, &apos;any&apos;, or an address.</source>
        <translation>Adresa, na které naslouchat: 127.0.0.1 (výchozí), &apos;localhost&apos;, &apos;any&apos;, nebo adresa.</translation>
    </message>
    <message>
        <source>IPC name prefix (default: $PRODCONS_IPC_PREFIX or /prodcons).</source>
        <translation>Prefix názvů IPC (výchozí: $PRODCONS_IPC_PREFIX nebo /prodcons).</translation>
    </message>
    <message>
        <source>Clients served at once (places kept for this server in the prefix&apos;s shared table); more get &apos;ERROR: server busy&apos; (default 256).</source>
        <translation>Počet klientů obsluhovaných najednou (míst vyhrazených pro tento server ve sdílené tabulce prefixu); další dostanou &apos;ERROR: server busy&apos; (výchozí 256).</translation>
    </message>
    <message>
        <source>Seconds a client has to answer Task? (default 30).</source>
        <translation>Sekundy, které má klient na odpověď na Task? (výchozí 30).</translation>
    </message>
    <message>
        <source>Seconds a consumer may take to acknowledge (default 60).</source>
        <translation>Sekundy, za které musí konzument potvrdit příjem (výchozí 60).</translation>
    </message>
    <message>
        <source>Seconds a producer may stay silent before it is closed (default 180).</source>
        <translation>Sekundy, po které smí producent mlčet, než je odpojen (výchozí 180).</translation>
    </message>
    <message>
        <source>Ignore standard input (to run in the background); stop with a signal.</source>
        <translation>Nečíst standardní vstup (pro běh na pozadí); zastavit signálem.</translation>
    </message>
    <message>
        <source>Show the IPC objects, their state and their users, then exit.</source>
        <translation>Ukázat IPC objekty, jejich stav a uživatele a skončit.</translation>
    </message>
    <message>
        <source>Remove the IPC objects of the prefix, then exit.</source>
        <translation>Odstranit IPC objekty prefixu a skončit.</translation>
    </message>
    <message>
        <source>TCP port to listen on.</source>
        <translation>TCP port, na kterém naslouchat.</translation>
    </message>
    <message>
        <source>$%1 is &apos;%2&apos;; an IPC prefix must be %3</source>
        <translation>$%1 je &apos;%2&apos;; prefix IPC musí být %3</translation>
    </message>
    <message>
        <source>give one TCP port (1-65535), e.g. socket_srv -shm 12345</source>
        <translation>zadejte jeden TCP port (1-65535), např. socket_srv -shm 12345</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos; není adresa</translation>
    </message>
    <message>
        <source>--max-children takes 1 to 4096</source>
        <translation>--max-children bere 1 až 4096</translation>
    </message>
    <message>
        <source>--role-timeout takes 1 to 86400 seconds</source>
        <translation>--role-timeout bere 1 až 86400 sekund</translation>
    </message>
    <message>
        <source>--ack-timeout takes 1 to 86400 seconds</source>
        <translation>--ack-timeout bere 1 až 86400 sekund</translation>
    </message>
    <message>
        <source>--idle-timeout takes 1 to 86400 seconds</source>
        <translation>--idle-timeout bere 1 až 86400 sekund</translation>
    </message>
    <message>
        <source>--window takes 1 to %1 (the names the shared buffer holds for each consumer)</source>
        <translation>--window bere 1 až %1 (kolik jmen sdílený buffer drží pro každého konzumenta)</translation>
    </message>
    <message>
        <source>Names sent to a consumer ahead of its OKs (1 to %1, the default: what the shared buffer holds for each consumer, fewer with larger slots).</source>
        <translation>Jména poslaná konzumentovi před jeho OK (1 až %1, výchozí: kolik sdílený buffer drží pro každého konzumenta, u větších slotů méně).</translation>
    </message>
    <message>
        <source>Teaching: every producer and consumer of the prefix waits ms milliseconds (0 to %1) before each step of the algorithm, until the server stops (default 0: full speed). &apos;tempo MS&apos; typed on stdin changes it.</source>
        <translation>Výuka: každý producent a konzument prefixu čeká před každým krokem algoritmu ms milisekund (0 až %1), dokud se server nezastaví (výchozí 0: plná rychlost). Hodnotu změní příkaz &apos;tempo MS&apos; napsaný na stdin.</translation>
    </message>
    <message>
        <source>Teaching: record the steps of every producer and consumer of the prefix and write them to file when the server stops, in the Chrome trace event format (open it in ui.perfetto.dev or chrome://tracing).</source>
        <translation>Výuka: zaznamenávat kroky všech producentů a konzumentů prefixu a při zastavení serveru je zapsat do souboru ve formátu Chrome trace event (otevřete ho v ui.perfetto.dev nebo chrome://tracing).</translation>
    </message>
    <message>
        <source>Teaching: the race on purpose. While this server runs, the SHM producers and consumers of every server of the prefix skip the mutex, and names are overwritten, lost and doubled. Never on the default prefix: give one with --prefix.</source>
        <translation>Výuka: záměrný souběh (race condition). Dokud tento server běží, producenti a konzumenti SHM všech serverů prefixu vynechávají mutex a jména se přepisují, ztrácejí a zdvojují. Nikdy na výchozím prefixu: zadejte jiný pomocí --prefix.</translation>
    </message>
    <message>
        <source>--tempo takes 0 to %1 milliseconds (the wait before each step), not &apos;%2&apos;</source>
        <translation>--tempo bere 0 až %1 milisekund (čekání před každým krokem), ne &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--trace takes a file name, e.g. --trace steps.json</source>
        <translation>--trace bere název souboru, např. --trace steps.json</translation>
    </message>
    <message>
        <source>--trace: %1 is a directory; give a file name, e.g. %1/steps.json</source>
        <translation>--trace: %1 je adresář; zadejte název souboru, např. %1/steps.json</translation>
    </message>
    <message>
        <source>--trace: there is no directory %1</source>
        <translation>--trace: adresář %1 neexistuje</translation>
    </message>
    <message>
        <source>--trace: cannot write into %1</source>
        <translation>--trace: do %1 nelze zapisovat</translation>
    </message>
    <message>
        <source>--race is never used on the default prefix %1, which real demos share: give another, e.g. --prefix /lesson</source>
        <translation>--race se nikdy nepoužívá na výchozím prefixu %1, který sdílejí skutečné ukázky: zadejte jiný, např. --prefix /lesson</translation>
    </message>
    <message>
        <source>Producer-consumer server: forks a child per client; the children share a buffer in shared memory (-shm) or a POSIX message queue (-mq) with every other server of the same mode on this machine, or a RabbitMQ queue (-amqp) with every server of the same broker, wherever it runs.
Exit status: 0 when it did what was asked, 1 when it could not, 2 on a usage error.</source>
        <translation>Server producent-konzument: pro každého klienta vytvoří (fork) potomka; potomci sdílejí buffer ve sdílené paměti (-shm) nebo v POSIXové frontě zpráv (-mq) se všemi ostatními servery stejného režimu na tomto počítači, nebo ve frontě RabbitMQ (-amqp) se všemi servery téhož brokera, ať běží kdekoli.
Návratový kód: 0, když udělal, co se chtělo, 1, když to nešlo, 2 při chybném použití.</translation>
    </message>
    <message>
        <source>choose one mode: -shm PORT, -mq PORT or -amqp PORT (see --help)</source>
        <translation>zvolte jeden režim: -shm PORT, -mq PORT, nebo -amqp PORT (viz --help)</translation>
    </message>
    <message>
        <source>--tempo and --trace are for the SHM and MQ modes: a RabbitMQ queue&apos;s steps happen inside the broker</source>
        <translation>--tempo a --trace patří k režimům SHM a MQ: kroky fronty RabbitMQ se dějí uvnitř brokera</translation>
    </message>
    <message>
        <source>--race is for the SHM mode: a RabbitMQ queue has no mutex to skip</source>
        <translation>--race patří k režimu SHM: fronta RabbitMQ nemá mutex, který by se dal vynechat</translation>
    </message>
</context>
<context>
    <name>prodcons::server::TimelinePanel</name>
    <message>
        <source>Free&amp;ze</source>
        <translation>Z&amp;mrazit</translation>
    </message>
    <message>
        <source>Stop the timeline scrolling to look at it; the steps keep being recorded and show again when it runs on (F)</source>
        <translation>Zastaví posouvání časové osy, abyste si ji mohli prohlédnout; kroky se dál zaznamenávají a znovu se ukážou, až se osa opět rozběhne (F)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>How many seconds the timeline shows (the wheel, + and - too)</source>
        <translation>Kolik sekund časová osa ukazuje (také kolečkem myši, + a -)</translation>
    </message>
    <message>
        <source>Sp&amp;an:</source>
        <translation>Rozsa&amp;h:</translation>
    </message>
</context>
<context>
    <name>prodcons::server::TimelineView</name>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Timeline of the children&apos;s steps</source>
        <translation>Časová osa kroků potomků</translation>
    </message>
    <message>
        <source>waiting for a slot or a name</source>
        <translation>čeká na slot nebo jméno</translation>
    </message>
    <message>
        <source>waiting for the mutex</source>
        <translation>čeká na mutex</translation>
    </message>
    <message>
        <source>in the critical section</source>
        <translation>v kritické sekci</translation>
    </message>
    <message>
        <source>signalling</source>
        <translation>signalizuje</translation>
    </message>
    <message>
        <source>on the socket</source>
        <translation>na socketu</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>neznámo</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>konzument</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>producent</translation>
    </message>
    <message>
        <source>MQ</source>
        <translation>MQ</translation>
    </message>
    <message>
        <source>SHM</source>
        <translation>SHM</translation>
    </message>
    <message>
        <source>%1 %2, %3</source>
        <translation>%1 %2, %3</translation>
    </message>
    <message>
        <source>%1 (left)</source>
        <translation>%1 (odešel)</translation>
    </message>
    <message>
        <source>No producer or consumer yet: their steps appear here while the server watches them.</source>
        <translation>Zatím žádný producent ani konzument: jejich kroky se tu objeví, zatímco je server sleduje.</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>zmrazeno</translation>
    </message>
    <message>
        <source>now</source>
        <translation>teď</translation>
    </message>
    <message>
        <source>-%1 s</source>
        <translation>-%1 s</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;</source>
        <translation>%1 „%2“</translation>
    </message>
    <message>
        <source>%1
%2: %3
%4, started %5 before the right edge</source>
        <translation>%1
%2: %3
%4, začal %5 před pravým okrajem</translation>
    </message>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2 %</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n steps in %2</source>
        <translation>
            <numerusform>%1
%n krok za %2</numerusform>
            <numerusform>%1
%n kroky za %2</numerusform>
            <numerusform>%1
%n kroků za %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them overwritten in the ring before they could be read: the shares are estimated from the steps that were.</source>
        <translation>
            <numerusform>%n z nich byl v kruhovém bufferu přepsán dřív, než mohl být přečten: podíly jsou odhadnuty z kroků, které přečteny byly.</numerusform>
            <numerusform>%n z nich byly v kruhovém bufferu přepsány dřív, než mohly být přečteny: podíly jsou odhadnuty z kroků, které přečteny byly.</numerusform>
            <numerusform>%n z nich bylo v kruhovém bufferu přepsáno dřív, než mohlo být přečteno: podíly jsou odhadnuty z kroků, které přečteny byly.</numerusform>
        </translation>
    </message>
</context>
</TS>
