"""Common first names, for redacting person names without an NER model (`redact(text, names=True)`).

Written by hand for this project from the most frequent given names of people of all ages in England
and Wales, Ireland and the US (ONS/census top-name tables, several decades, several communities).
No PyPI package fits: `names-dataset` (maintained) is hundreds of megabytes in memory, `names` and
`gender-guesser` are unmaintained since 2013/2016. Names that are also everyday English words
(Will, May, Hope, Grace, Rose, Mark, Bill, Pat, Dawn, Faith, Joy, Summer, Amber, Frank, Guy, Sandy ...)
are left out on purpose: a capitalised "Hope" starts too many sentences. The honorific and
"my name is ..." rules in redact.py catch those names when the text says it is a name.
"""

from __future__ import annotations

FORENAMES = frozenset("""
aaron abbie abdul abdullah abigail abu adam adrian agnes ahmed aidan aiden aileen aisha alan alana albert alex
alexander alexandra alexis alfie alfred ali alice alicia alison alistair allan allison alyssa amanda amelia amina
amir amit amy ana andrea andreea andrei andrew andy angela angelina angus anil anita ann anna anne annette annie
anthony antonio anya archie arjun arthur asha ashley ashok aurora ava barbara barry beatrice becky ben
benjamin bernadette bernard beth bethany betty beverley billy bogdan brandon brenda brendan brian bridget
bronwen bryan caitlin callum calvin cameron camilla carl carla carlos carly carmen caroline carolyn catherine
cathy cecilia charles charlie charlotte cheryl chloe chris christina christine christopher
ciara ciaran claire clara clare colin connor conor courtney craig cynthia dai daniel daniela danielle danny darren
david deborah debbie declan deepak denise dennis derek dev diana diane dominic donald donna doreen doris
dorothy douglas duncan dylan eddie edith edward eileen elaine eleanor elena eli elijah elizabeth ella ellen ellie
elliot elsie emily emma eric erin ethan eugene evelyn ewan fatima felix fiona florence francesca francis freddie
frederick freya gabriel gail gareth gary gavin gemma geoffrey george georgina gerald geraldine gillian
gordon graham greg gregory gwen hamza hannah harold harriet harrison harry harvey hassan hayley heidi helen
henry hugh hussain ian imogen irene isaac isabel isabella isabelle isla ivan jacob jacqueline jake james jamie
 jane janet janice jared jasmine jason jayden jean jeffrey jennifer jenny jeremy jessica jill jim jimmy joan
joanna joanne jodie joe joel johanna john jonathan jose joseph josephine josh joshua joyce juan judith
julia julian julie justin kamal karen karim kate katherine kathleen kathryn katie katy kayleigh keith kelly
kenneth kevin khalid kieran kim kimberly kirsty krishna kyle laura lauren leah lee leila leo leon leonard lesley
leslie lewis liam linda lindsay lisa logan lorna lorraine louis louise lucas lucy luke lydia lynn lynne madison
maisie malcolm mandy manoj margaret maria marian marie marilyn marion marjorie martha martin mary maria matthew
maureen megan melanie melissa mia michael michelle mohamed mohammad mohammed molly monica muhammad nadia naomi
natalie natasha nathan neil nicholas nicola nicole nigel niamh noah norman olivia omar oliver oscar owen pamela
patricia patrick paul paula pauline peter philip phillip phoebe piotr pooja poppy priya priyanka rachel rahul
raj rajesh ravi rebecca rhys richard rita robert robin rosemary ross ruth ryan sadie sally samantha samuel sandra
sanjay sara sarah scarlett scott sean sebastian shamima shannon sharon sheila shirley shreya simon sinead siobhan
 sonia sophie stacey stanley stefan stella stephanie stephen steve steven stuart susan suzanne sylvia tamsin
tanya tara teresa terence theo theresa thomas tim timothy tina toby tom tomasz tommy tony tracey tracy trevor
tyler valerie vanessa vera veronica vicky victoria vikram vincent wendy william yasmin yusuf zach zara zoe
""".split())
