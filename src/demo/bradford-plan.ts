// Demo improvement plan for the demo council, modelled on the strands of Bradford's 2023 children's
// services improvement plan. All wording is our own summary; milestone and update detail is illustrative.
// Milestones carry on past February 2023 (most finished by their due dates, a few still open), so the
// plan looks lived-in today; a milestone's state on an earlier date follows from its completion date.
import type { DemoStrand } from './demo-plan-types.js'

export const bradfordPlan: DemoStrand[] = [
  {
    code: '1',
    half: 'A',
    title: 'Front door',
    leadTitle: 'Head of Service, Integrated Front Door',
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Conversation-led handling of contacts',
        description:
          'Replace form-based screening at the Integrated Front Door with a direct discussion between the referrer and a qualified practitioner. Decisions about what a child needs should be quicker and better informed.',
        intendedImpact:
          'Children referred to the front door get the right help after the first conversation, so fewer come back as repeat referrals within a year.',
        evidence: [
          {
            observedOn: '2023-03-01',
            kind: 'document',
            direction: 'improving',
            summary:
              'Scrutiny report (March 2023): early figures after the move to conversation-based contacts showed fewer repeat referrals and fewer contacts becoming referrals, so assessment teams were receiving the children who most needed social work.',
          },
        ],
        milestones: [
          {
            title: 'Agree the new contact model with partners and trade unions',
            owner: 'Head of Service, Integrated Front Door',
            due: '2022-06-30',
            status: 'complete',
            completedOn: '2022-06-24',
            evidence: 'Trade union consultation record; partner briefing pack',
          },
          {
            title: 'Train front door practitioners and managers in the new model',
            owner: 'Integrated Front Door team managers',
            due: '2022-08-31',
            status: 'complete',
            completedOn: '2022-09-09',
            evidence: 'Training attendance log',
          },
          {
            title: 'Switch all professional contacts to the conversation model',
            owner: 'Head of Service, Integrated Front Door',
            due: '2022-10-31',
            status: 'complete',
            completedOn: '2022-10-17',
            evidence: 'Go-live note to Improvement Board',
          },
          {
            title: 'Review the first six months of the model with partners',
            owner: 'Integrated Front Door Service Manager',
            due: '2023-05-31',
            status: 'complete',
            completedOn: '2023-05-24',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-11-15',
            body: 'Professional referrers now talk the concern through with a qualified practitioner instead of sending a form and waiting. Schools and health colleagues say the advice they get is clearer and more timely. Managers sample contacts each week to keep decisions consistent.',
          },
          {
            date: '2023-01-20',
            body: 'Early data points to fewer repeat referrals and a lower share of contacts turning into referrals. Assessment teams are receiving the cases that really need social work, while other families are pointed to the right support sooner.',
          },
        ],
      },
      {
        title: 'Shared understanding of thresholds',
        description:
          'Make sure partners and front door staff read levels of need in the same way, so children get the right help first time.',
        intendedImpact:
          'Families get help at the level that matches their needs first time, without being passed between services while agencies disagree about the threshold.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Commissioner's review (January 2022): contacts and referrals had fallen once partners adopted a shared continuum of need, but rose sharply again after schools reopened during the pandemic, and police and council had struggled to settle a common approach to contacts.",
          },
        ],
        milestones: [
          {
            title: 'Refresh multi-agency threshold guidance with the safeguarding partnership',
            owner: 'Bradford Safeguarding Children Partnership',
            due: '2022-07-31',
            status: 'complete',
            completedOn: '2022-07-28',
            evidence: 'Revised guidance published on partnership website',
          },
          {
            title: 'Deliver threshold briefings to schools, health and police',
            owner: 'Integrated Front Door Service Manager',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2022-12-16',
            evidence: 'Briefing schedule and feedback forms',
          },
          {
            title: 'Run a quarterly multi-agency audit of contact decisions',
            owner: 'Head of Service, Quality Assurance',
            due: '2023-03-31',
            status: 'complete',
            completedOn: '2023-03-24',
            evidence: 'First audit findings in Q3 progress report',
          },
        ],
        updates: [
          {
            date: '2022-09-20',
            body: 'The revised threshold guidance is now live and partners have been briefed on what has changed. Front door staff report fewer disagreements with referrers about whether a case meets the bar for social work.',
          },
        ],
      },
      {
        title: 'Prompt strategy discussions',
        description:
          'When a child may be at risk of significant harm, police, health and social care should meet quickly and agree how the child will be kept safe while enquiries take place.',
        intendedImpact:
          'Children who may be at risk of significant harm are kept safe while enquiries take place, because police, health and social care agree a safety plan together without delay.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Commissioner's review (January 2022): monitoring through the first half of 2021 found that the earlier gains in strategy meetings and child protection enquiries had been kept up.",
          },
        ],
        milestones: [
          {
            title: 'Agree a joint standard for strategy discussions with police and health',
            owner: 'Head of Service, Integrated Front Door',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-09-26',
            evidence: 'Signed joint standard',
          },
          {
            title: 'Introduce a weekly tracker of strategy discussion timeliness',
            owner: 'Performance and Intelligence Team',
            due: '2022-11-30',
            status: 'complete',
            completedOn: '2022-11-29',
            evidence: 'Weekly tracker report',
          },
          {
            title: 'Audit the quality of safety planning during enquiries',
            owner: 'Head of Service, Quality Assurance',
            due: '2023-06-30',
            status: 'complete',
            completedOn: '2023-06-23',
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
  {
    code: '2',
    half: 'A',
    title: 'Early help',
    leadTitle: 'Assistant Director, Prevention and Early Help',
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'District-wide prevention and early help strategy',
        description:
          'Agree a strategy with partners that sets out how families can get support early, before difficulties grow to the point where social care must step in.',
        intendedImpact:
          'Families get help from schools, health and community services as soon as problems appear, so fewer children later need a social worker.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Commissioner's review (January 2022): years of early help cuts had pushed up demand for social work; the funding had been restored, but services were still being rebuilt with partners and schools said changes to early help had been poorly explained.",
          },
        ],
        milestones: [
          {
            title: 'Consult families, schools and the voluntary sector on a draft strategy',
            owner: 'Head of Service, Prevention and Early Help',
            due: '2022-08-31',
            status: 'complete',
            completedOn: '2022-08-26',
            evidence: 'Consultation summary',
          },
          {
            title: 'Strategy agreed by partnership leaders',
            owner: 'Assistant Director, Prevention and Early Help',
            due: '2022-11-30',
            status: 'complete',
            completedOn: '2022-12-08',
            evidence: 'Strategy document; partnership board minutes',
          },
          {
            title: 'Publish a delivery plan with shared success measures',
            owner: 'Head of Service, Prevention and Early Help',
            due: '2023-03-31',
            status: 'on-track',
            completedOn: null,
            evidence: 'Draft delivery plan',
          },
        ],
        updates: [
          {
            date: '2022-12-15',
            body: 'Partners have signed up to the prevention and early help strategy. Schools, health and voluntary groups now share one account of what early help means locally and who is responsible for what. A delivery plan is being drawn up for the new financial year.',
          },
        ],
      },
      {
        title: 'Support in the earliest years',
        description:
          "Use the Department for Education's Start for Life grant to strengthen help for babies, young children and their parents.",
        intendedImpact:
          'Babies and young children get a better start because their parents, especially in the poorest neighbourhoods, get support from pregnancy onwards before difficulties take hold.',
        milestones: [
          {
            title: 'Submit the Start for Life bid to the DfE',
            owner: 'Head of Service, Prevention and Early Help',
            due: '2022-07-31',
            status: 'complete',
            completedOn: '2022-07-15',
            evidence: 'DfE funding confirmation',
          },
          {
            title: 'Appoint a programme lead and set up a delivery group with health partners',
            owner: 'Assistant Director, Prevention and Early Help',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2022-12-12',
            evidence: 'Delivery group terms of reference',
          },
          {
            title: 'Begin the funded offer in priority neighbourhoods',
            owner: 'Start for Life Programme Lead',
            due: '2023-09-30',
            status: 'complete',
            completedOn: '2023-09-23',
            evidence: '',
          },
          {
            title: 'Evaluate how well the offer reaches families in the most deprived areas',
            owner: 'Performance and Intelligence Team',
            due: '2024-03-31',
            status: 'complete',
            completedOn: '2024-03-24',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-10-10',
            body: 'The district has been awarded Start for Life money by the DfE. This brings extra resources for support in the first years of life, aimed at families who might otherwise only come to notice once problems had grown. Planning with midwifery and health visiting partners is under way.',
          },
        ],
      },
    ],
  },
  {
    code: '3a',
    half: 'A',
    title: 'Help and protection',
    leadTitle: "Assistant Director, Children's Social Care",
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Timely, proportionate assessments',
        description:
          "Cut delay in assessments so that risks and needs are understood quickly. Assessments should be updated when a child's circumstances change rather than on a fixed timetable.",
        intendedImpact:
          "Children's needs and risks are understood quickly and kept up to date as their lives change, so they get the right help without waiting.",
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Commissioner's review (January 2022): assessment quality was uneven and many took too long, partly because local standards required a reassessment every six months and frequent changes of worker slowed children's cases.",
          },
        ],
        milestones: [
          {
            title: 'Revise practice standards in line with statutory guidance',
            owner: 'Principal Social Worker',
            due: '2022-06-30',
            status: 'complete',
            completedOn: '2022-06-30',
            evidence: 'Published practice standards',
          },
          {
            title: 'End the routine requirement to reassess every six months',
            owner: "Assistant Director, Children's Social Care",
            due: '2022-07-31',
            status: 'complete',
            completedOn: '2022-07-22',
            evidence: 'Practice standards, version 2',
          },
          {
            title: 'Track assessments approaching timescale in weekly team meetings',
            owner: 'Service Managers, Assessment Teams',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-09-28',
            evidence: 'Weekly timeliness report',
          },
          {
            title: 'Audit confirms most assessments are timely and well analysed',
            owner: 'Head of Service, Quality Assurance',
            due: '2023-06-30',
            status: 'complete',
            completedOn: '2023-06-23',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-11-01',
            body: 'Social workers no longer redo assessments on a set cycle where nothing has changed, which has released time for direct work with families. Managers check timeliness every week and step in where a case is heading for delay.',
          },
        ],
      },
      {
        title: 'Child protection plans that change things',
        description:
          'Make child protection plans specific about what must change, with core groups that check progress and act when a child is not safer.',
        intendedImpact:
          'Children on child protection plans become safer sooner, and fewer stay on a plan for a long time or need another one later.',
        milestones: [
          {
            title: 'Introduce a revised plan template focused on the changes needed',
            owner: 'Head of Service, Safeguarding and Reviewing',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-09-20',
            evidence: 'New template in case recording system',
          },
          {
            title: 'Conference chairs escalate plans that are not making progress',
            owner: 'Head of Service, Safeguarding and Reviewing',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2022-12-20',
            evidence: 'Escalation log',
          },
          {
            title: 'Review every child who has been on a plan for more than 18 months',
            owner: "Assistant Director, Children's Social Care",
            due: '2023-01-31',
            status: 'complete',
            completedOn: '2023-04-01',
            evidence: 'Review under way; capacity gap reported to Improvement Board, 2 Feb 2023',
          },
        ],
        updates: [
          {
            date: '2023-02-08',
            body: 'Since the inspection at the end of 2022, leaders have put children with long-running child protection plans first. Reviews have started but have fallen behind because of team vacancies, so extra management capacity is being arranged.',
          },
        ],
      },
      {
        title: 'Recognising neglect and domestic abuse',
        description: 'Help staff recognise the build-up of harm from neglect and domestic abuse and respond earlier.',
        intendedImpact:
          'Children living with neglect or domestic abuse are noticed and helped earlier, before harm builds up over months or years.',
        milestones: [
          {
            title: 'Roll out a neglect assessment tool across all teams',
            owner: 'Bradford Safeguarding Children Partnership',
            due: '2022-10-31',
            status: 'complete',
            completedOn: '2022-10-27',
            evidence: 'Tool guidance; training records',
          },
          {
            title: 'Joint domestic abuse training with police',
            owner: 'Principal Social Worker',
            due: '2023-03-31',
            status: 'complete',
            completedOn: '2023-03-24',
            evidence: '',
          },
          {
            title: 'Thematic audit of children living with neglect',
            owner: 'Head of Service, Quality Assurance',
            due: '2023-07-31',
            status: 'complete',
            completedOn: '2023-07-24',
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
  {
    code: '3b',
    half: 'A',
    title: 'Children with disabilities',
    leadTitle: 'Head of Service, Children with Disabilities',
    addedOn: '2023-01-09',
    objectives: [
      {
        title: 'Good plans for disabled children',
        description:
          'Make sure disabled children who need help or protection have current assessments and plans that reflect how they communicate and what they want.',
        intendedImpact:
          'Disabled children who need help or protection are heard however they communicate, and have up-to-date plans that keep them safe and meet their needs.',
        milestones: [
          {
            title: 'Agree the scope and success measures for the new strand',
            owner: 'Head of Service, Children with Disabilities',
            due: '2023-02-28',
            status: 'complete',
            completedOn: '2023-02-02',
            evidence: 'Improvement Board paper, 2 Feb 2023',
          },
          {
            title: "Review the quality of plans for all open cases in the disabled children's team",
            owner: 'Service Manager, Children with Disabilities',
            due: '2023-04-30',
            status: 'complete',
            completedOn: '2023-04-23',
            evidence: '',
          },
          {
            title: 'Train staff in communication methods for children who do not use speech',
            owner: 'Principal Social Worker',
            due: '2023-09-30',
            status: 'not-started',
            completedOn: null,
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2023-02-10',
            body: "This strand joined the plan in January 2023 after leaders agreed that disabled children's experiences needed specific attention. Its measures were agreed at the February Improvement Board and a review of the team's open cases has begun.",
          },
        ],
      },
      {
        title: 'Short breaks and moving to adulthood',
        description:
          'Improve access to short breaks and start planning earlier for young people moving into adult services.',
        intendedImpact:
          'Disabled children and their families get short breaks when they need them, and young people move into adult services with support already in place.',
        milestones: [
          {
            title: 'Map the current short breaks offer and waiting times',
            owner: 'Service Manager, Children with Disabilities',
            due: '2023-03-31',
            status: 'complete',
            completedOn: '2023-03-24',
            evidence: '',
          },
          {
            title: 'Agree a joint transitions protocol with adult social care',
            owner: 'Head of Service, Children with Disabilities',
            due: '2023-10-31',
            status: 'complete',
            completedOn: '2023-10-24',
            evidence: '',
          },
          {
            title: 'Start transition planning at 14 for every eligible young person',
            owner: 'Service Manager, Children with Disabilities',
            due: '2024-03-31',
            status: 'complete',
            completedOn: '2024-03-24',
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
  {
    code: '4',
    half: 'A',
    title: 'Edge of care',
    leadTitle: 'Head of Service, Edge of Care',
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Edge of care service',
        description:
          'Set up a dedicated service that gives intensive support to families in crisis, with a residential option for short planned stays, so more children can remain safely at home.',
        intendedImpact:
          'More children in families under severe strain stay safely at home, and those who need a short time away return home quickly.',
        milestones: [
          {
            title: 'Approve the business case and staffing structure',
            owner: 'Head of Service, Edge of Care',
            due: '2022-06-30',
            status: 'complete',
            completedOn: '2022-06-21',
            evidence: 'Approved business case',
          },
          {
            title: 'Recruit prevention workers and team managers',
            owner: 'Head of Service, Edge of Care',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-10-14',
            evidence: 'Recruitment tracker',
          },
          {
            title: 'Service accepts its first referrals',
            owner: 'Edge of Care Team Manager',
            due: '2022-11-30',
            status: 'complete',
            completedOn: '2022-11-07',
            evidence: 'Referral log',
          },
          {
            title: 'Evaluate outcomes for families supported in the first year',
            owner: 'Performance and Intelligence Team',
            due: '2024-01-31',
            status: 'not-started',
            completedOn: null,
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-12-12',
            body: 'The edge of care service is up and running, with both a prevention team and a residential resource. Families close to breakdown can now get intensive help within days, and social workers have an option other than an emergency care placement.',
          },
        ],
      },
      {
        title: 'Safely fewer children needing care',
        description:
          'Agree with partners a plan to reduce, safely, the number of children who need to become looked after.',
        intendedImpact:
          'Only children who cannot be kept safe at home come into care, and their families get real help to stay together first.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'worsening',
            summary:
              "Commissioner's review (January 2022): open cases had risen by more than a third since 2018 and more children coming into care had left too few placements, yet there was no analysis or joint plan to manage the rising demand.",
          },
        ],
        milestones: [
          {
            title: 'Analyse why children came into care over the last two years',
            owner: 'Performance and Intelligence Team',
            due: '2022-08-31',
            status: 'complete',
            completedOn: '2022-08-30',
            evidence: 'Analysis report to senior leadership team',
          },
          {
            title: 'Senior panel considers every request for a child to enter care',
            owner: "Assistant Director, Children's Social Care",
            due: '2022-10-31',
            status: 'complete',
            completedOn: '2022-10-03',
            evidence: 'Panel terms of reference and decision log',
          },
          {
            title: 'Agree the reduction plan and targets with partners',
            owner: 'Head of Service, Edge of Care',
            due: '2023-01-31',
            status: 'at-risk',
            completedOn: null,
            evidence: 'Draft plan to Improvement Board, 2 Feb 2023',
          },
          {
            title: 'Offer a family meeting before care proceedings in every suitable case',
            owner: 'Head of Service, Edge of Care',
            due: '2023-09-30',
            status: 'complete',
            completedOn: '2023-09-23',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2023-02-06',
            body: 'A senior panel now looks at every request for a child to come into care and checks that help at home has been properly tried. The wider reduction plan slipped during the inspection period and is due to be settled with partners by the end of March.',
          },
        ],
      },
    ],
  },
  {
    code: '5',
    half: 'A',
    title: 'Children in care and care leavers',
    leadTitle: 'Assistant Director, Children in Care and Care Leavers',
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Specialist children in care and care leavers service',
        description:
          'Bring work with children in care and care leavers into one specialist service, so young people keep the same worker for longer and staff build expertise.',
        intendedImpact:
          'Children in care and care leavers have fewer changes of worker and are supported by staff who know their needs well, so relationships last.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'worsening',
            summary:
              "Commissioner's review (January 2022): moving children in care and care leavers into locality teams had stretched workers across age groups, added duty work that cut time with children, and led some specialist care leaver staff to leave.",
          },
        ],
        milestones: [
          {
            title: 'Consult staff and young people on the new structure',
            owner: 'Assistant Director, Children in Care and Care Leavers',
            due: '2022-06-30',
            status: 'complete',
            completedOn: '2022-06-17',
            evidence: 'Consultation response',
          },
          {
            title: 'New service structure in place',
            owner: 'Assistant Director, Children in Care and Care Leavers',
            due: '2022-10-01',
            status: 'complete',
            completedOn: '2022-09-30',
            evidence: 'Structure chart; staff transfer letters',
          },
          {
            title: "Review personal advisers' caseloads in the care leavers team",
            owner: 'Head of Service, Care Leavers',
            due: '2023-03-31',
            status: 'complete',
            completedOn: '2023-03-24',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-10-20',
            body: 'Children in care and care leavers are now supported by a single dedicated service instead of the locality teams. Staff can concentrate on this group, and young people heading into adulthood should see fewer changes of worker.',
          },
        ],
      },
      {
        title: 'Timely permanence',
        description:
          'Make sure every child in care has a permanence plan agreed early and acted on, so no child waits too long for a stable, lasting home.',
        intendedImpact:
          'Children in care move to a stable, lasting home without unnecessary delay, whether back with family, with long-term carers or through adoption.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Commissioner's review (January 2022): monitoring in 2020 found long delays before children entering care had an agreed permanence plan, and Ofsted's September 2021 visit still saw inconsistent care planning and little real change in children's experience of care.",
          },
        ],
        milestones: [
          {
            title: 'Set up permanence tracking for every child in care',
            owner: 'Head of Service, Children in Care',
            due: '2022-07-31',
            status: 'complete',
            completedOn: '2022-07-29',
            evidence: 'Permanence tracker; meeting notes',
          },
          {
            title: 'Agree a permanence plan by the second review for every child entering care',
            owner: 'Head of Service, Children in Care',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2023-03-01',
            evidence: 'Tracker shows improvement but standard not yet met',
          },
          {
            title: 'Increase use of special guardianship and adoption where right for the child',
            owner: 'Head of Service, Permanence',
            due: '2023-12-31',
            status: 'complete',
            completedOn: '2023-12-24',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2023-01-25',
            body: 'Every child in care is now covered by permanence tracking chaired by a senior manager. Some children are reaching settled plans sooner, but too many still wait beyond their second review, so this remains off track.',
          },
        ],
      },
      {
        title: 'Safe homes for care leavers',
        description:
          'Work with the housing service so care leavers have safe, suitable accommodation and support as they move to independence.',
        intendedImpact:
          'Care leavers move into safe, suitable homes when they are ready, with support in place, and fewer face homelessness or unsafe housing.',
        milestones: [
          {
            title: 'Agree a joint housing protocol with the council housing service',
            owner: 'Head of Service, Care Leavers',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-09-14',
            evidence: 'Signed protocol',
          },
          {
            title: 'Put the protocol into operation with named housing link officers',
            owner: 'Head of Service, Care Leavers',
            due: '2022-11-30',
            status: 'complete',
            completedOn: '2022-11-30',
            evidence: 'Link officer list; referral pathway',
          },
          {
            title: 'Review the protocol with care leavers after six months',
            owner: 'Head of Service, Care Leavers',
            due: '2023-05-31',
            status: 'complete',
            completedOn: '2023-05-24',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-12-05',
            body: 'The joint housing protocol is now in use. Care leavers who need a home have a clear route into housing, and personal advisers know exactly who to contact. Young people will be asked to help review how it is working.',
          },
        ],
      },
    ],
  },
  {
    code: '6',
    half: 'B',
    title: 'Voice and influence',
    leadTitle: 'Head of Participation and Engagement',
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Digital participation for children',
        description:
          'Give children an easy and secure way to tell their social worker and reviewing officer what they think, especially before meetings about them.',
        intendedImpact:
          'Children can tell their workers what matters to them whenever they want, and see their views reflected in the plans and decisions made about them.',
        milestones: [
          {
            title: 'Complete the tender for a child participation provider',
            owner: 'Commissioning Manager, Children',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-09-23',
            evidence: 'Tender evaluation report',
          },
          {
            title: 'Award the contract to Mind of My Own',
            owner: 'Commissioning Manager, Children',
            due: '2022-11-30',
            status: 'complete',
            completedOn: '2022-11-18',
            evidence: 'Contract award notice',
          },
          {
            title: 'Launch the app for children in care and on child protection plans',
            owner: 'Head of Participation and Engagement',
            due: '2023-04-30',
            status: 'complete',
            completedOn: '2023-04-23',
            evidence: '',
          },
          {
            title: "Report on how children's views have changed their plans",
            owner: 'Head of Participation and Engagement',
            due: '2023-12-31',
            status: 'not-started',
            completedOn: null,
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-12-01',
            body: 'Mind of My Own has been awarded the participation contract. Once it launches, children will be able to tell their workers what matters to them when it suits them, not only in formal meetings.',
          },
        ],
      },
      {
        title: 'Children shaping services',
        description:
          "Make sure children in care, care leavers and families influence the plan and the Corporate Parenting Group's priorities.",
        intendedImpact:
          'Children in care, care leavers and families see services change because of what they said, and are told how their views were used.',
        milestones: [
          {
            title: 'Refresh the children in care council and link it to corporate parenting',
            owner: 'Head of Participation and Engagement',
            due: '2022-07-31',
            status: 'complete',
            completedOn: '2022-07-27',
            evidence: 'Children in care council terms of reference',
          },
          {
            title: 'Young people attend the Corporate Parenting Group every quarter',
            owner: 'Head of Participation and Engagement',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2022-12-14',
            evidence: 'Corporate Parenting Group minutes',
          },
          {
            title: 'Publish a summary for young people of changes made after their feedback',
            owner: 'Head of Participation and Engagement',
            due: '2023-06-30',
            status: 'complete',
            completedOn: '2023-06-23',
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
  {
    code: '7',
    half: 'B',
    title: 'Strategic leadership',
    leadTitle: "Strategic Director, Children's Services",
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Move to the Children and Families Trust',
        description:
          "Prepare for children's social care to move into the Children and Families Trust from 1 April 2023 without disrupting services for children.",
        intendedImpact:
          'Children and families keep their workers and get help without interruption while services move to the trust.',
        milestones: [
          {
            title: 'Set up the shadow trust board',
            owner: "Strategic Director, Children's Services",
            due: '2022-10-31',
            status: 'complete',
            completedOn: '2022-10-25',
            evidence: 'Shadow board terms of reference',
          },
          {
            title: 'Agree support service contracts between the council and the trust',
            owner: 'Trust Transition Programme Manager',
            due: '2023-02-28',
            status: 'complete',
            completedOn: '2023-02-21',
            evidence: 'Transition risk log',
          },
          {
            title: 'Complete consultation on staff transfer',
            owner: 'HR Business Partner, Children',
            due: '2023-02-28',
            status: 'complete',
            completedOn: '2023-02-21',
            evidence: '',
          },
          {
            title: 'Trust begins operating',
            owner: "Strategic Director, Children's Services",
            due: '2023-04-01',
            status: 'on-track',
            completedOn: null,
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2023-01-16',
            body: 'Briefings on the move to the trust have been held with every team, and a question-and-answer page is updated weekly. Transition work is run separately from the improvement plan so that practice improvement does not pause.',
          },
        ],
      },
      {
        title: 'Improvement governance and capacity',
        description:
          'Run a focused improvement plan overseen by the refreshed Improvement Board, with enough dedicated capacity to deliver it.',
        intendedImpact:
          'Children and families feel improvements sooner, because leaders quickly spot where help is not getting better and act on it.',
        evidence: [
          {
            observedOn: '2023-03-01',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Scrutiny report (March 2023): Ofsted's inspection in late 2022 still judged services inadequate overall, and the report warned that the small improvement team could not carry the whole plan.",
          },
        ],
        milestones: [
          {
            title: "First meeting of the refreshed Improvement Board under the Commissioner's chairing",
            owner: "Strategic Director, Children's Services",
            due: '2022-05-31',
            status: 'complete',
            completedOn: '2022-05-12',
            evidence: 'Board terms of reference',
          },
          {
            title: 'Show benchmarks and targets alongside each measure in the progress report',
            owner: 'Improvement Team',
            due: '2023-01-31',
            status: 'complete',
            completedOn: '2023-01-26',
            evidence: 'Q3 progress report',
          },
          {
            title: 'Update the plan to reflect the 2022 inspection findings',
            owner: 'Improvement Team',
            due: '2023-03-31',
            status: 'complete',
            completedOn: '2023-03-24',
            evidence: '',
          },
          {
            title: 'Secure improvement team capacity beyond March 2023',
            owner: "Strategic Director, Children's Services",
            due: '2023-03-31',
            status: 'complete',
            completedOn: '2023-03-24',
            evidence: 'Risk recorded at Improvement Board, 2 Feb 2023',
          },
        ],
        updates: [
          {
            date: '2023-02-03',
            body: 'The Improvement Board considered the Quarter 3 progress report, which now shows each measure against a benchmark or target. The board noted that the improvement team is very small and external support is only funded to the end of March, so longer-term capacity is a priority.',
          },
        ],
      },
    ],
  },
  {
    code: '8',
    half: 'B',
    title: 'Workforce',
    leadTitle: 'Head of Workforce Development',
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Growing our own social workers',
        description:
          'Open routes for existing staff and local students to qualify as social workers and build their careers in Bradford.',
        intendedImpact:
          'Children and families are more often helped by social workers who know the district and its communities and who stay in their jobs.',
        milestones: [
          {
            title: "Launch a master's social work route for existing staff",
            owner: 'Head of Workforce Development',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-09-26',
            evidence: 'University partnership agreement; first cohort list',
          },
          {
            title: 'Agree more BA and MA social work places with local universities',
            owner: 'Head of Workforce Development',
            due: '2022-10-31',
            status: 'complete',
            completedOn: '2022-10-27',
            evidence: 'Signed agreements with universities',
          },
          {
            title: 'Secure a DfE grant to pay for more practice educators',
            owner: 'Principal Social Worker',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2022-12-09',
            evidence: 'DfE grant letter',
          },
          {
            title: 'Increase the number of student placements offered each year',
            owner: 'Social Work Academy Manager',
            due: '2023-09-30',
            status: 'complete',
            completedOn: '2023-09-23',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-10-12',
            body: "The first group of existing staff has begun a master's route into social work. Support workers who already know local families can now qualify without leaving their jobs.",
          },
          {
            date: '2023-01-10',
            body: 'DfE funding has been confirmed for more practice educators, so more students can be supervised on placement at the same time. Universities have agreed to take more students, widening the pool of new social workers with local experience.',
          },
        ],
      },
      {
        title: 'Permanent recruitment and less agency reliance',
        description: 'Fill permanent social work posts and reduce dependence on agency staff and managed teams.',
        intendedImpact:
          'Children and families keep the same social worker for longer, because more workers are permanent staff rather than short-term agency cover.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'worsening',
            summary:
              "Commissioner's review (January 2022): 124 social work posts were vacant and around 173 agency workers were covering them, and the permanent social work headcount in November 2021 was lower than at the 2018 inspection.",
          },
        ],
        milestones: [
          {
            title: 'Agree a fresh route for recruiting qualified social workers from overseas',
            owner: 'Head of Workforce Development',
            due: '2022-08-31',
            status: 'complete',
            completedOn: '2022-08-30',
            evidence: 'Approved recruitment plan',
          },
          {
            title: 'First overseas-qualified social workers start in teams',
            owner: 'HR Business Partner, Children',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2023-01-16',
            evidence: 'Start dates on HR system',
          },
          {
            title: 'Refresh the recruitment campaign ahead of the trust launch',
            owner: 'Head of Workforce Development',
            due: '2023-03-31',
            status: 'on-track',
            completedOn: null,
            evidence: '',
          },
          {
            title: 'Reduce managed agency teams as permanent staff are appointed',
            owner: "Assistant Director, Children's Social Care",
            due: '2023-12-31',
            status: 'complete',
            completedOn: '2023-12-24',
            evidence: 'Monthly agency usage report',
          },
        ],
        updates: [
          {
            date: '2023-01-30',
            body: 'The first social workers recruited from overseas have joined, with an extended induction on English law and local practice. Reliance on agency staff remains high, so plans to phase out managed teams are rated at risk.',
          },
        ],
      },
      {
        title: 'Keeping staff and manageable caseloads',
        description:
          'Hold on to experienced staff by keeping caseloads manageable and offering good induction, development and support.',
        intendedImpact:
          'Social workers have time to get to know each child and family, and children are not passed from worker to worker because staff keep leaving.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Commissioner's review (January 2022): average caseloads were still about 19 in November 2021, much as in 2019; staff said turnover kept breaking children's relationships with their workers, and newer staff rated their induction poorly.",
          },
        ],
        milestones: [
          {
            title: 'Publish caseloads by team every month',
            owner: 'Performance and Intelligence Team',
            due: '2022-06-30',
            status: 'complete',
            completedOn: '2022-06-30',
            evidence: 'Monthly workforce report',
          },
          {
            title: 'Introduce a revised induction programme for all new starters',
            owner: 'Head of Workforce Development',
            due: '2022-10-31',
            status: 'complete',
            completedOn: '2022-10-21',
            evidence: 'Induction pack; new starter feedback',
          },
          {
            title: 'Agree caseload targets for each team type',
            owner: "Assistant Director, Children's Social Care",
            due: '2023-01-31',
            status: 'complete',
            completedOn: '2023-04-01',
            evidence: 'Draft proposal; delayed by inspection',
          },
          {
            title: 'Launch the social work academy',
            owner: 'Head of Workforce Development',
            due: '2023-06-30',
            status: 'complete',
            completedOn: '2023-06-23',
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
  {
    code: '9',
    half: 'B',
    title: 'Practice model and improvement',
    leadTitle: 'Principal Social Worker',
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'One agreed practice model',
        description:
          'Agree a single practice model that all staff understand and use, with plain guidance on what good practice looks like.',
        intendedImpact:
          'Families meet the same clear, respectful way of working from every worker and team, wherever they live in the district.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Commissioner's review (January 2022): some staff could not say what the local approach or practice model was, and many felt changes had been imposed on them rather than shaped with them.",
          },
        ],
        milestones: [
          {
            title: 'Consult frontline staff on the practice model',
            owner: 'Principal Social Worker',
            due: '2022-07-31',
            status: 'complete',
            completedOn: '2022-07-27',
            evidence: 'Workshop notes',
          },
          {
            title: 'Publish the practice framework and guidance',
            owner: 'Principal Social Worker',
            due: '2022-11-30',
            status: 'complete',
            completedOn: '2022-11-25',
            evidence: 'Practice framework on staff intranet',
          },
          {
            title: 'Train all practitioners and managers in the model',
            owner: 'Social Work Academy Manager',
            due: '2023-07-31',
            status: 'on-track',
            completedOn: null,
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-12-20',
            body: 'The practice framework has been published after workshops in which frontline staff helped shape it. Staff had said they were unsure what the local approach was, and the framework now sets it out in one place.',
          },
        ],
      },
      {
        title: 'Regular, reflective supervision',
        description:
          "Make sure every practitioner has regular supervision that challenges their thinking and moves children's plans forward.",
        intendedImpact:
          "Children's plans keep moving and do not drift, because every social worker has a manager who regularly checks and challenges their work with each child.",
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Commissioner's review (January 2022): oversight of practice had improved in 2020, but in 2021 Ofsted raised concerns about frontline managers' decisions and oversight, and team managers were stretched by recruitment paperwork.",
          },
        ],
        milestones: [
          {
            title: 'Issue a revised supervision policy and recording template',
            owner: 'Principal Social Worker',
            due: '2022-08-31',
            status: 'complete',
            completedOn: '2022-08-19',
            evidence: 'Supervision policy',
          },
          {
            title: 'Deliver supervision training for team managers',
            owner: 'Social Work Academy Manager',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2022-12-16',
            evidence: 'Training attendance log',
          },
          {
            title: 'Audit how often supervision happens and how good it is',
            owner: 'Head of Service, Quality Assurance',
            due: '2023-01-31',
            status: 'complete',
            completedOn: '2023-01-27',
            evidence: 'Supervision audit summary in Q3 progress report',
          },
        ],
        updates: [
          {
            date: '2023-02-13',
            body: 'An audit found supervision is now taking place more regularly, though the quality of recorded reflection differs between teams. Team managers are being supported through peer observation to improve this.',
          },
        ],
      },
      {
        title: 'Learning from practice',
        description:
          "Use audits, learning sessions and staff feedback to spread good practice and act on what isn't working.",
        intendedImpact:
          "Children and families benefit from good practice wherever it is found, and problems seen in one child's case are put right before other families meet them.",
        milestones: [
          {
            title: 'Hold quarterly practice learning sessions open to all staff',
            owner: 'Principal Social Worker',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-09-29',
            evidence: 'Session materials and attendance',
          },
          {
            title: 'Agree a practice improvement response to the 2022 inspection',
            owner: "Assistant Director, Children's Social Care",
            due: '2023-03-31',
            status: 'complete',
            completedOn: '2023-03-24',
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
  {
    code: '10',
    half: 'B',
    title: 'Partnership',
    leadTitle: "Director of Children's Social Care",
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Shared vision with partners',
        description:
          'Agree a shared vision and priorities for children with health, police, schools and the voluntary sector that all partners own.',
        intendedImpact:
          'Children and families get joined-up help, because schools, health, police and the council work towards the same priorities for them.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'no-change',
            summary:
              "Commissioner's review (January 2022): partners had no shared vision for children, the interim children and young people's plan lacked leaders' backing, and strained relationships, especially with health, were holding back better outcomes.",
          },
        ],
        milestones: [
          {
            title: 'Hold a joint leadership session with health, police and schools',
            owner: "Director of Children's Social Care",
            due: '2022-07-31',
            status: 'complete',
            completedOn: '2022-07-14',
            evidence: 'Session output note',
          },
          {
            title: "Refresh the children and young people's plan with partner sign-off",
            owner: "Director of Children's Social Care",
            due: '2023-03-31',
            status: 'complete',
            completedOn: '2023-03-24',
            evidence: 'Draft plan circulated to partners',
          },
        ],
        updates: [
          {
            date: '2022-08-05',
            body: "Leaders from health, police, schools and the council met to agree what they want to achieve together for children. Partners committed to shared priorities that will shape the refreshed children and young people's plan.",
          },
        ],
      },
      {
        title: 'Joint working where it matters most',
        description:
          "Strengthen day-to-day joint working with partners on the issues that most affect children's safety.",
        intendedImpact:
          'Children at risk of harm or exploitation are safer because agencies share information and act together quickly, without delay or disagreement.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'improving',
            summary:
              "Commissioner's review (January 2022): police and social care worked well together day to day on domestic abuse and exploitation, helped by a new exploitation hub where agencies review risk together every day; schools found joint work harder because staff changed so often.",
          },
        ],
        milestones: [
          {
            title: 'Refresh the multi-agency escalation protocol',
            owner: 'Bradford Safeguarding Children Partnership',
            due: '2022-10-31',
            status: 'complete',
            completedOn: '2022-10-28',
            evidence: 'Published protocol',
          },
          {
            title: 'Health partners join strategy discussions within agreed timescales',
            owner: 'Designated Nurse, Safeguarding Children',
            due: '2023-01-31',
            status: 'off-track',
            completedOn: null,
            evidence: 'Timeliness tracker',
          },
          {
            title: 'Partnership audit of the response to child exploitation',
            owner: 'Bradford Safeguarding Children Partnership',
            due: '2023-09-30',
            status: 'not-started',
            completedOn: null,
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
  {
    code: '11',
    half: 'B',
    title: 'Buildings, IT, finance and support services',
    leadTitle: 'Assistant Director, Business Support and Resources',
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Systems that support practice',
        description:
          'Give staff working equipment and simplify the case recording system so information carries across forms and social workers spend less time re-typing it.',
        intendedImpact:
          "Social workers spend more time with children and families and less at a keyboard, and records give a clear, accurate account of each child's story.",
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'improving',
            summary:
              "Commissioner's review (January 2022): social workers had been retyping information and losing work on a slow recording system; a project team with its own IT lead had made good headway on this over the previous six months.",
          },
        ],
        milestones: [
          {
            title: 'Issue working laptops and phones to all frontline staff',
            owner: 'ICT Business Partner, Children',
            due: '2022-06-30',
            status: 'complete',
            completedOn: '2022-06-24',
            evidence: 'Device issue log',
          },
          {
            title: 'Remove duplicate forms and fix information carry-over in the recording system',
            owner: 'Case Recording System Lead',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-09-29',
            evidence: 'System change log',
          },
          {
            title: 'Options appraisal for case management under the trust',
            owner: 'ICT Business Partner, Children',
            due: '2023-06-30',
            status: 'complete',
            completedOn: '2023-06-23',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-11-08',
            body: 'Duplicate forms have been taken out of the recording system and key details now carry across between assessments and plans. Social workers say they spend less time copying information between screens.',
          },
        ],
      },
      {
        title: 'Business support, HR and finance',
        description:
          'Give teams the administrative, HR and finance support they need so that managers can concentrate on practice.',
        intendedImpact:
          "Managers have time to focus on children's cases rather than paperwork, and families are met in welcoming, private rooms.",
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'improving',
            summary:
              "Commissioner's review (January 2022): staff welcomed the return of business support officers, though it came late; team managers had been drawn into HR paperwork for new starters, which took time from overseeing practice.",
          },
        ],
        milestones: [
          {
            title: 'Monthly budget monitoring with each head of service',
            owner: 'Finance Business Partner, Children',
            due: '2022-07-31',
            status: 'complete',
            completedOn: '2022-07-29',
            evidence: 'Monthly budget reports',
          },
          {
            title: 'Business support officers in place in every locality',
            owner: 'Assistant Director, Business Support and Resources',
            due: '2022-08-31',
            status: 'complete',
            completedOn: '2022-09-12',
            evidence: 'Business support structure',
          },
          {
            title: 'Agree one accurate staffing establishment across the service, HR and finance',
            owner: 'HR Business Partner, Children',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2022-12-21',
            evidence: 'Reconciled establishment list',
          },
          {
            title: 'Review office space to provide family-friendly meeting rooms',
            owner: 'Assistant Director, Business Support and Resources',
            due: '2023-10-31',
            status: 'complete',
            completedOn: '2023-10-24',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2023-01-12',
            body: 'HR, finance and the service now work from one agreed list of posts. Team managers no longer have to chase payroll and starter paperwork themselves, giving them more time to oversee practice.',
          },
        ],
      },
    ],
  },
  {
    code: '12',
    half: 'B',
    title: 'Data and insight',
    leadTitle: 'Head of Service, Performance and Quality Assurance',
    addedOn: '2022-04-01',
    objectives: [
      {
        title: 'Reliable performance information',
        description: 'Give managers and leaders accurate, timely data on practice at team and child level.',
        intendedImpact:
          'Children who are waiting too long for help or visits are spotted and seen quickly, because managers have accurate information about every child.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'improving',
            summary:
              "Commissioner's review (January 2022): performance management, a serious weakness in 2019, had kept improving through 2021, with the Vital Signs report giving the Improvement Board a regular view of workforce and practice data.",
          },
        ],
        milestones: [
          {
            title: 'Refresh the monthly performance report with team-level views',
            owner: 'Performance and Intelligence Team',
            due: '2022-07-31',
            status: 'complete',
            completedOn: '2022-07-29',
            evidence: 'Monthly performance report',
          },
          {
            title: 'Cleanse data on open cases to fix recording errors',
            owner: 'Performance and Intelligence Team',
            due: '2022-10-31',
            status: 'complete',
            completedOn: '2022-10-26',
            evidence: 'Data quality log',
          },
          {
            title: 'Give team managers self-service dashboards',
            owner: 'Performance and Intelligence Team',
            due: '2023-06-30',
            status: 'complete',
            completedOn: '2023-06-23',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2022-08-15',
            body: 'The monthly performance report now breaks information down by team, so managers can see where children are waiting and act sooner. Leaders use the same report at the Improvement Board, which keeps discussion focused on the same facts.',
          },
        ],
      },
      {
        title: 'Quality assurance that drives improvement',
        description:
          "Use audits that involve practitioners and families to understand children's experiences and test whether improvement is real.",
        intendedImpact:
          'The help children and families receive gets better over time, because audits reflect their own experience and lead to changes in practice.',
        evidence: [
          {
            observedOn: '2022-01-14',
            kind: 'document',
            direction: 'improving',
            summary:
              "Commissioner's review (January 2022): quality assurance, once weak or missing in places, had been rebuilt under a dedicated head of service, and involving practitioners in it was proving more effective.",
          },
        ],
        milestones: [
          {
            title: 'Introduce a revised quality assurance framework with moderated audits',
            owner: 'Head of Service, Performance and Quality Assurance',
            due: '2022-06-30',
            status: 'complete',
            completedOn: '2022-06-28',
            evidence: 'Quality assurance framework',
          },
          {
            title: 'Seek family feedback as part of every case audit',
            owner: 'Head of Service, Quality Assurance',
            due: '2022-12-31',
            status: 'complete',
            completedOn: '2023-03-01',
            evidence: 'Family feedback gathered in some audits only',
          },
          {
            title: 'Present an annual quality assurance report to the Improvement Board',
            owner: 'Head of Service, Performance and Quality Assurance',
            due: '2023-05-31',
            status: 'complete',
            completedOn: '2023-05-24',
            evidence: '',
          },
        ],
        updates: [
          {
            date: '2023-01-05',
            body: 'Audits are now moderated so that grades are consistent and leaders get a truer sense of practice quality. Families are not yet asked for their views in every audit, and this is the next priority.',
          },
        ],
      },
      {
        title: 'Hearing from staff and children',
        description: "Gather staff and children's views routinely as evidence of whether improvement is being felt.",
        intendedImpact:
          'Children and families see changes that matter to them, because their views and those of staff are used to judge whether things are really getting better.',
        milestones: [
          {
            title: 'Staff reference group meets regularly and reports to the board',
            owner: 'Improvement Team',
            due: '2022-06-30',
            status: 'complete',
            completedOn: '2022-06-15',
            evidence: 'Reference group notes',
          },
          {
            title: 'Run a quarterly staff pulse survey',
            owner: 'Head of Workforce Development',
            due: '2022-09-30',
            status: 'complete',
            completedOn: '2022-09-28',
            evidence: 'Survey results summary',
          },
          {
            title: 'Combine feedback from the participation app with audit findings',
            owner: 'Performance and Intelligence Team',
            due: '2023-09-30',
            status: 'complete',
            completedOn: '2023-09-23',
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
]
