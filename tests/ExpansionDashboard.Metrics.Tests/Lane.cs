// Every test here is pure metric code on hand-made books: the whole assembly is the Unit lane.
[assembly: Trait(ExpansionDashboard.TestKit.Lanes.Category, ExpansionDashboard.TestKit.Lanes.Unit)]
